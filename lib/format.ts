/** Formatting shared by pages and charts. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A query's rank as people count: stored from 0 (the strategy's first pick), shown from 1 on every page. */
export function displayRank(rank: number): number {
  return rank + 1;
}

/**
 * A measured value (a score, a loss, a threshold) as people read it: 4 significant digits, thousands
 * grouped, no exponent for ordinary magnitudes — `-16.24398422241211` → "-16.24". Not finite → "—".
 */
export function formatValue(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e15) return value.toLocaleString("en-US", { maximumSignificantDigits: digits });
  return value.toExponential(digits - 1);
}

/** A step index or any whole count of steps, thousands grouped: 12345 → "12,345". */
export function formatStep(step: number): string {
  return Math.round(step).toLocaleString("en-US");
}

/** A duration as people say it: "0.8 s", "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${+s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${total % 60} s`;
}

/** A fault kind as stored by the generator or an import ("sensor_drift") as people read it: "Sensor drift". */
export function faultName(kind: string | null | undefined): string {
  const words = (kind ?? "").trim().replace(/[_-]+/g, " ").replace(/\s+/g, " ");
  if (words === "") return "Anomaly";
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/**
 * The one way the app writes a time within a sequence: h:mm:ss from step 0 ("0:04:05", hours grow
 * past 24), with tenths or hundredths only where a short view needs them, and the step beside it
 * where a single instant is named (tooltips, onsets). Pure.
 */

/** Seconds as h:mm:ss, with up to `decimals` fractional digits (trailing zeros dropped). */
export function formatClock(seconds: number, decimals = 0): string {
  if (!Number.isFinite(seconds)) return "";
  const sign = seconds < 0 ? "−" : "";
  const scale = 10 ** Math.max(0, Math.min(3, Math.round(decimals)));
  const total = Math.round(Math.abs(seconds) * scale) / scale;
  const whole = Math.floor(total);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const fraction =
    scale > 1
      ? (total - whole)
          .toFixed(Math.log10(scale))
          .slice(1)
          .replace(/\.?0+$/, "")
      : "";
  return `${sign}${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${fraction}`;
}

/**
 * Fractional digits an axis spanning `spanSeconds` needs so that neighbouring ticks read differently:
 * none from 30 s up, tenths down to 3 s, hundredths below.
 */
export function clockDecimals(spanSeconds: number): number {
  if (!(spanSeconds < 30)) return 0;
  return spanSeconds >= 3 ? 1 : 2;
}

/** An axis label formatter for a view `spanSeconds` wide. */
export function clockAxisLabel(spanSeconds: number): (seconds: number) => string {
  const decimals = clockDecimals(spanSeconds);
  return (seconds) => formatClock(seconds, decimals);
}

/** Fractional digits that resolve one step at `samplingRate` Hz: 0 up to 1 Hz, 1 to 10 Hz, … at most 3. */
export function stepDecimals(samplingRate: number): number {
  return samplingRate <= 1 ? 0 : Math.min(3, Math.ceil(Math.log10(samplingRate)));
}

/** One instant of a sequence: "0:01:02.5 · step 125" (the time to the step's own resolution). */
export function formatInstant(step: number, samplingRate: number): string {
  const rate = samplingRate > 0 ? samplingRate : 1;
  return `${formatClock(step / rate, stepDecimals(rate))} · step ${Math.round(step).toLocaleString("en-US")}`;
}

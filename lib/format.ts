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

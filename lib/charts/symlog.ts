/**
 * The symmetric log scale of the score plots: s ↦ sign(s)·log₁₀(1 + |s|). Anomaly scores are negative
 * log-likelihoods, so they can be zero or negative, which a plain log axis cannot show; this transform
 * is linear near 0, logarithmic for large |s|, keeps the order of every value and maps 0 to 0. The
 * axis says so in its name and labels its ticks with the scores themselves. Pure.
 */

export type ScoreScale = "linear" | "symlog";

export function symlog(s: number): number {
  return Math.sign(s) * Math.log10(1 + Math.abs(s));
}

/** The inverse: the score at a position on the symlog axis. */
export function symexp(y: number): number {
  return Math.sign(y) * (10 ** Math.abs(y) - 1);
}

/** What the axis says it is. */
export const SYMLOG_AXIS_NAME = "anomaly score (symlog: sign·log₁₀(1+|s|))";

/**
 * Tick positions (on the transformed axis) in [min, max]: 0 and ±10ᵏ, with ±2·10ᵏ and ±5·10ᵏ added
 * when fewer than four would show.
 */
export function symlogTicks(min: number, max: number): number[] {
  const lo = symexp(min);
  const hi = symexp(max);
  const top = Math.max(Math.abs(lo), Math.abs(hi), 1);
  const ticks = (steps: readonly number[]) => {
    const raw = [0];
    for (let k = 0; 10 ** k <= top * 10; k++) for (const m of steps) raw.push(m * 10 ** k, -m * 10 ** k);
    return [...new Set(raw)].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
  };
  const decades = ticks([1]);
  return (decades.length >= 4 ? decades : ticks([1, 2, 5])).map(symlog);
}

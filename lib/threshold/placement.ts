/**
 * Where the refined threshold goes inside its F1-optimal interval (lower, upper] — a policy of its own.
 *
 * Every threshold in the interval gives the labelled candidates the same outcome, so the labels cannot
 * choose among them; unseen data can. Both edges have no margin: at the upper edge (a labelled
 * candidate's peak) any anomaly slightly weaker than the weakest labelled one is missed; just above
 * the lower edge any normal slightly stronger than the strongest labelled one alarms.
 *
 * - "margin" (the product's default): a point of the interval in log space, measured from the floor of
 *   the score scale (the lowest labelled score), at the fraction (a + 1) / (a + b + 2) of the way from
 *   the lower edge, where b labelled candidates stay below the interval (normals, and anomalies missed)
 *   and a alarm above it. Scores are negative log-likelihoods: a fault's excess over the normal level
 *   spans orders of magnitude and varies by factors, so distances are ratios (log space). And the two
 *   edges are not equally sure: the strongest of b labelled normals is a good estimate of where normal
 *   data ends when b is large (an unseen normal exceeds it with chance 1/(b + 1)), while the weakest of
 *   a few labelled anomalies says little about the weakest unseen one (chance 1/(a + 1) to fall below
 *   it). So each edge keeps a margin in proportion to its uncertainty — with many normals and few
 *   anomalies, as labelling usually goes, the threshold sits near the normals' edge; with as many of
 *   each, at the geometric middle. Measuring from the lowest score keeps it defined for negative NLLs.
 *   Chosen with the evaluation harness against the other policies here (the README quotes the figures;
 *   weighting each edge by the spread of its peaks as well did no better).
 * - "geometric": the geometric middle (the fraction ½ in the same log space), for comparison.
 * - "middle": the arithmetic middle (nearly the upper edge when the interval spans decades).
 * - "reference": where the DQS reference's percentile grid (0–100 in steps of 0.01 of the pooled
 *   labelled scores, scanned upwards, first best kept) lands: its first grid value above the lower
 *   edge, found by bisection over the grid — so the paper's protocol can be reproduced.
 * - "upper": the upper edge, a score that occurs (this product's earlier rule).
 *
 * With no lower edge (the best is to alarm on every labelled candidate) there is nothing to keep a
 * margin from, and every policy returns the upper edge.
 */
import { GRID_SIZE, gridPercent, percentileOfSorted } from "./numpy-percentile";
import type { PooledScores } from "./percentile-grid";

export const PLACEMENTS = ["margin", "geometric", "middle", "reference", "upper"] as const;
export type Placement = (typeof PLACEMENTS)[number];
export const DEFAULT_PLACEMENT: Placement = "margin";

export function isPlacement(value: string): value is Placement {
  return (PLACEMENTS as readonly string[]).includes(value);
}

/**
 * Every threshold in (lower, upper] gives the same outcome; lower is -Infinity when unbounded.
 * For "margin": how many labelled candidates alarm in it (`above`) and how many do not (`below`);
 * without them "margin" is the geometric middle.
 */
export type OptimalInterval = { lower: number; upper: number; above?: number; below?: number };

/** The reference grid's first value above `lower`, or null when no grid value falls in (lower, upper]. */
export function referenceGridPoint(interval: OptimalInterval, pooled: PooledScores): number | null {
  const at = (i: number) => percentileOfSorted(pooled.sorted, gridPercent(i), pooled.float32);
  if (pooled.sorted.length === 0) return null;
  // The grid's values are non-decreasing in i: bisect for the first one above `lower`.
  let lo = 0;
  let hi = GRID_SIZE - 1;
  if (!(at(hi) > interval.lower)) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid) > interval.lower) hi = mid;
    else lo = mid + 1;
  }
  const value = at(lo);
  return value <= interval.upper ? value : null;
}

/**
 * The point at `fraction` of the way from lower to upper in log space measured from `origin` (≤ lower):
 * origin + (lower − origin)^(1 − f) · (upper − origin)^f; linear when lower sits on the origin.
 */
export function logSpacePoint(interval: OptimalInterval, origin: number, fraction: number): number {
  const a = interval.lower - origin;
  const b = interval.upper - origin;
  if (!(a > 0) || !(b > a)) return interval.lower + fraction * (interval.upper - interval.lower);
  return origin + Math.exp((1 - fraction) * Math.log(a) + fraction * Math.log(b));
}

/** The geometric middle of (lower, upper] measured from `origin`. */
export function geometricMiddle(interval: OptimalInterval, origin: number): number {
  return logSpacePoint(interval, origin, 0.5);
}

/** "margin"'s fraction of the way from the lower edge: (a + 1) / (a + b + 2) for a candidates above, b below. */
export function marginFraction(above: number, below: number): number {
  return (Math.max(0, above) + 1) / (Math.max(0, above) + Math.max(0, below) + 2);
}

/**
 * The threshold a policy places inside the interval. `pooled` are the labelled candidates' scores
 * (ascending): their minimum is the origin of the log-space policies, and "reference" reads its grid from them.
 * The result always lies in (lower, upper]; rounding that would push it out gives the upper edge.
 */
export function placeThreshold(interval: OptimalInterval, placement: Placement, pooled: PooledScores): number {
  const { lower, upper } = interval;
  if (!Number.isFinite(lower) || placement === "upper") return upper;
  let value: number;
  const origin = Math.min(lower, pooled.sorted[0] ?? lower);
  if (placement === "reference") value = referenceGridPoint(interval, pooled) ?? upper;
  else if (placement === "middle") value = (lower + upper) / 2;
  else if (placement === "geometric") value = geometricMiddle(interval, origin);
  else if (interval.above === undefined || interval.below === undefined) value = geometricMiddle(interval, origin);
  else value = logSpacePoint(interval, origin, marginFraction(interval.above, interval.below));
  return value > lower && value <= upper ? value : upper;
}

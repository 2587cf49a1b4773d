/**
 * Where the refined threshold goes inside its F1-optimal interval (lower, upper] — a policy of its own.
 *
 * Every threshold in the interval gives the labelled candidates the same outcome, so the labels cannot
 * choose among them; unseen data can. Both edges have no margin: at the upper edge (a labelled
 * candidate's peak) any anomaly slightly weaker than the weakest labelled one is missed; just above
 * the lower edge any normal slightly stronger than the strongest labelled one alarms.
 *
 * - "margin" (the product's default): the geometric middle of the interval measured from the floor of
 *   the score scale (the lowest labelled score), origin + √((lower − origin)·(upper − origin)). Scores
 *   are negative log-likelihoods: a fault's excess over the normal level spans orders of magnitude and
 *   varies multiplicatively from one occurrence to the next, so the interval's "middle" is a ratio, not
 *   a difference — the geometric middle leaves the same *factor* of margin on both sides (an unseen
 *   anomaly may be √(u/l) times weaker than the weakest labelled one, an unseen normal √(u/l) times
 *   stronger than the strongest labelled one). Measuring from the lowest score keeps it defined for
 *   negative NLLs. It was chosen with the evaluation harness against the other policies here (the
 *   README quotes the figures).
 * - "middle": the arithmetic middle, for comparison (nearly the upper edge when the interval spans
 *   decades).
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

export const PLACEMENTS = ["margin", "middle", "reference", "upper"] as const;
export type Placement = (typeof PLACEMENTS)[number];
export const DEFAULT_PLACEMENT: Placement = "margin";

export function isPlacement(value: string): value is Placement {
  return (PLACEMENTS as readonly string[]).includes(value);
}

/** Every threshold in (lower, upper] gives the same outcome; lower is -Infinity when unbounded. */
export type OptimalInterval = { lower: number; upper: number };

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

/** The geometric middle of (lower, upper] measured from `origin` (≤ lower); the arithmetic one when lower sits on the origin. */
export function geometricMiddle(interval: OptimalInterval, origin: number): number {
  const a = interval.lower - origin;
  const b = interval.upper - origin;
  if (!(a > 0) || !(b > a)) return (interval.lower + interval.upper) / 2;
  return origin + Math.sqrt(a) * Math.sqrt(b);
}

/**
 * The threshold a policy places inside the interval. `pooled` are the labelled candidates' scores
 * (ascending): their minimum is the origin of "margin", and "reference" reads its grid from them.
 * The result always lies in (lower, upper]; rounding that would push it out gives the upper edge.
 */
export function placeThreshold(interval: OptimalInterval, placement: Placement, pooled: PooledScores): number {
  const { lower, upper } = interval;
  if (!Number.isFinite(lower) || placement === "upper") return upper;
  let value: number;
  if (placement === "reference") value = referenceGridPoint(interval, pooled) ?? upper;
  else if (placement === "middle") value = (lower + upper) / 2;
  else value = geometricMiddle(interval, Math.min(lower, pooled.sorted[0] ?? lower));
  return value > lower && value <= upper ? value : upper;
}

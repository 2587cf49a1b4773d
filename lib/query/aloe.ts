/**
 * ALOE's two querying rules (Li, Qiu et al., "Deep Anomaly Detection under Labeling Budget
 * Constraints", ICML 2023), on an embedding of each candidate that the detector provides
 * (`Candidate.embedding`; see lib/detectors/embedding.ts), not on the score series:
 *
 * - aloe-kmeans: pairwise Euclidean distances, scaled by their median and capped at 3, pass through
 *   the kernel exp(d / τ) with τ = 1. The first pick is the most central candidate (smallest mean kernel value
 *   to all others); every later pick is drawn with probability proportional to the kernel of its
 *   distance to the nearest unit chosen so far, so a candidate one median distance farther from the
 *   chosen set is e times likelier. Random: each pick records the probability it was drawn with,
 *   among the candidates still open at that draw (the contamination estimate needs it).
 * - aloe-pos: the first pick is the highest score; every later pick maximises the candidate's
 *   score, scaled to [0, 1] over the pool, plus its distance to the nearest unit chosen so far,
 *   scaled to [0, 1] by the largest pairwise distance (as the reference does). Deterministic: every
 *   pick records probability 1.
 *
 * Why not the reference's kernel scale: its kmeans_diverse scales distances to [0, 1] by the
 * largest one and uses τ = 0.01, so a unit 0.05 farther from the chosen set is e^5 ≈ 150 times
 * likelier. The draw is then all but deterministic (the farthest unit takes nearly all the mass,
 * each recorded probability ≈ 1), and the importance-weighted contamination estimate has nothing to
 * reweight: it is unbiased only through draws too rare to happen, and in practice it reads the
 * count of anomalies drawn, far below the truth. Scaling by the median keeps the kernel's
 * preference for far-away units (its point: diversity) while every open unit keeps a probability
 * that a run can actually realise, so α̂ is usable from one batch. The cap matters for heavy-tailed
 * embeddings (a fault's residuals can lie dozens of medians out): without it the outliers again take
 * all the mass — on the demo's linear residual features α̂ read 0.03–0.04 against 0.12 — while with
 * it the largest importance weight is bounded (1/q ≤ e^3 · open units).
 *
 * Units queried in earlier batches count as chosen from the start, so a second batch continues the
 * first one's design (with any queried unit, aloe-kmeans draws its first pick too, and aloe-pos adds
 * distance to it). A candidate's score is its maximum score, as for the other strategies.
 */
import { createRng, type Rng } from "../rng";
import { maxScoreOf, preparePool, throwIfAborted } from "./pool";
import { QueryError, type Candidate, type QueryContext, type QueryPick, type QueryStrategy } from "./types";

/** The kernel's temperature on distances scaled by their median (see the file comment). */
export const KMEANS_TAU = 1;
/** aloe-kmeans's scaled distances are capped here: no open unit is more than e^3 ≈ 20 times likelier than another. */
export const KMEANS_CAP = 3;

function embeddingOf(c: Candidate, width: number | null): ArrayLike<number> {
  const e = c.embedding;
  if (!e || e.length === 0) throw new QueryError("missing-embedding", `candidate "${c.key}" has no embedding (ALOE's querying needs one)`);
  if (width !== null && e.length !== width) {
    throw new QueryError("missing-embedding", `candidate "${c.key}" has an embedding of ${e.length} values, the others ${width}`);
  }
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i])) throw new QueryError("non-finite-score", `candidate "${c.key}" has a non-finite embedding value at ${i}`);
  }
  return e;
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/** The median of the positive values (0 when there is none). */
export function positiveMedian(values: readonly number[]): number {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 0;
  const mid = positive.length >> 1;
  return positive.length % 2 === 1 ? positive[mid]! : (positive[mid - 1]! + positive[mid]!) / 2;
}

/**
 * How distances are scaled: by the largest pairwise one (to [0, 1], aloe-pos), or by the median of
 * the positive pairwise distances (aloe-kmeans; the largest when every distance is 0 but one).
 */
export type DistanceScale = "max" | "median";

/**
 * The geometry both rules share: the embeddings of the pool (first) and the queried units (after),
 * pairwise distances scaled as `scale` says, and each pool candidate's scaled distance to the nearest
 * chosen unit (Infinity while none is chosen).
 */
class Geometry {
  readonly nearest: Float64Array;
  private readonly points: ArrayLike<number>[];
  private readonly scale: number;

  private readonly cap: number;

  constructor(pool: readonly Candidate[], queried: readonly Candidate[], scale: DistanceScale) {
    const first = pool[0] ?? queried[0];
    const width = first ? embeddingOf(first, null).length : 0;
    this.points = [...pool, ...queried].map((c) => embeddingOf(c, width));
    const all: number[] = [];
    let max = 0;
    for (let i = 0; i < this.points.length; i++) {
      for (let j = i + 1; j < this.points.length; j++) {
        const d = distance(this.points[i]!, this.points[j]!);
        max = Math.max(max, d);
        if (scale === "median") all.push(d);
      }
    }
    this.scale = scale === "median" ? positiveMedian(all) || max : max;
    this.cap = scale === "median" ? KMEANS_CAP : 1;
    this.nearest = new Float64Array(pool.length).fill(Infinity);
    for (let q = 0; q < queried.length; q++) this.choose(pool.length + q);
  }

  /** Scaled distance between points i and j, at most the cap (0 when every point coincides). */
  d(i: number, j: number): number {
    return this.scale > 0 ? Math.min(this.cap, distance(this.points[i]!, this.points[j]!) / this.scale) : 0;
  }

  /** Point `index` (pool or queried) joins the chosen set. */
  choose(index: number): void {
    for (let i = 0; i < this.nearest.length; i++) this.nearest[i] = Math.min(this.nearest[i]!, this.d(i, index));
  }
}

/**
 * The aloe-kmeans draw distribution over the pool: p_i ∝ exp(nearest_i / τ) for open candidates, 0
 * for taken ones, computed relative to the largest open exponent so that it cannot overflow. Sums
 * to 1 over the open candidates (uniform when no unit is chosen yet).
 */
export function kmeansProbabilities(nearest: ArrayLike<number>, taken: ArrayLike<number>, tau = KMEANS_TAU): Float64Array {
  const n = nearest.length;
  const p = new Float64Array(n);
  let top = -Infinity;
  for (let i = 0; i < n; i++) if (!taken[i]) top = Math.max(top, Number.isFinite(nearest[i]!) ? nearest[i]! : 0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    const m = Number.isFinite(nearest[i]!) ? nearest[i]! : 0;
    p[i] = Math.exp((m - top) / tau);
    total += p[i]!;
  }
  for (let i = 0; i < n; i++) p[i] = p[i]! / total;
  return p;
}

function drawFrom(p: Float64Array, taken: Uint8Array, rng: Rng): number {
  let r = rng.next();
  let last = -1;
  for (let i = 0; i < p.length; i++) {
    if (taken[i] || p[i]! <= 0) continue;
    last = i;
    r -= p[i]!;
    if (r < 0) return i;
  }
  return last; // rounding left a sliver at the end: the last candidate with weight
}

/** The most central pool candidate: the smallest log Σ_j exp(d_ij / τ) over the pool (log-sum-exp). */
function mostCentral(g: Geometry, n: number, tau: number): number {
  let best = 0;
  let bestValue = Infinity;
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let j = 0; j < n; j++) {
      row[j] = g.d(i, j) / tau;
      top = Math.max(top, row[j]!);
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(row[j]! - top);
    const value = top + Math.log(sum);
    if (value < bestValue) [best, bestValue] = [i, value];
  }
  return best;
}

export function selectAloeKmeans(ctx: QueryContext): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  if (count === 0) return [];
  const g = new Geometry(pool, ctx.queried, "median");
  const taken = new Uint8Array(pool.length);
  const rng = createRng(ctx.seed);
  const picks: QueryPick[] = [];
  while (picks.length < count) {
    throwIfAborted(ctx.signal);
    let i: number;
    let probability: number;
    let reason: string;
    if (picks.length === 0 && ctx.queried.length === 0) {
      i = mostCentral(g, pool.length, KMEANS_TAU);
      probability = 1;
      reason = "aloe-kmeans: the most central candidate in the detector's embedding (first pick)";
    } else {
      const p = kmeansProbabilities(g.nearest, taken);
      i = drawFrom(p, taken, rng);
      probability = p[i]!;
      reason = `aloe-kmeans: drawn with probability ${probability.toPrecision(3)} (scaled distance ${g.nearest[i]!.toFixed(3)} to the nearest chosen unit)`;
    }
    taken[i] = 1;
    picks.push({ key: pool[i]!.key, rank: picks.length, reason, probability });
    g.choose(i);
    ctx.onProgress?.(picks.length, count);
  }
  return picks;
}

/** Min–max scaling to [0, 1]; a constant series becomes all 0. */
function minMax(values: readonly number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
}

export function selectAloePos(ctx: QueryContext): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  if (count === 0) return [];
  const g = new Geometry(pool, ctx.queried, "max");
  const scores = minMax(pool.map(maxScoreOf));
  const taken = new Uint8Array(pool.length);
  const picks: QueryPick[] = [];
  while (picks.length < count) {
    throwIfAborted(ctx.signal);
    const first = picks.length === 0 && ctx.queried.length === 0;
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const value = scores[i]! + (first ? 0 : g.nearest[i]!);
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    const reason = first
      ? "aloe-pos: the highest score (first pick)"
      : `aloe-pos: scaled score ${scores[best]!.toFixed(3)} + scaled distance ${g.nearest[best]!.toFixed(3)} to the nearest chosen unit, the largest`;
    taken[best] = 1;
    picks.push({ key: pool[best]!.key, rank: picks.length, reason, probability: 1 });
    g.choose(best);
    ctx.onProgress?.(picks.length, count);
  }
  return picks;
}

export const aloeKmeansStrategy: QueryStrategy = { name: "aloe-kmeans", select: selectAloeKmeans };
export const aloePosStrategy: QueryStrategy = { name: "aloe-pos", select: selectAloePos };

/**
 * "score-kmeans" (named "diverse" before ALOE's own rules came, lib/query/aloe.ts): k-means++ seeding
 * in a standardised feature space of the score series (features.ts). It is not ALOE's querying —
 * that works on the detector's embedding — but it needs nothing beyond the scores, so the app can
 * offer it for any run. The queried units are the initial centres. With none, the first pick is the
 * candidate with the largest maximum score (deterministic, and the most anomalous-looking place to
 * start). Every next pick is drawn with probability ∝ its squared distance to the nearest centre
 * (queried units and earlier picks), with the seeded generator; if every remaining candidate sits on
 * a centre (all weights 0), the draw is uniform.
 */
import { createRng, type Rng } from "../rng";
import { scoreFeatures, squaredDistance, standardize } from "./features";
import { maxScoreOf, preparePool } from "./pool";
import type { QueryContext, QueryPick, QueryStrategy } from "./types";

function draw(weights: Float64Array, taken: Uint8Array, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) if (!taken[i]) total += weights[i]!;
  const open: number[] = [];
  for (let i = 0; i < weights.length; i++) if (!taken[i]) open.push(i);
  if (!(total > 0) || !Number.isFinite(total)) return open[rng.int(open.length)]!;
  let r = rng.next() * total;
  let last = open[0]!;
  for (const i of open) {
    if (weights[i]! <= 0) continue;
    last = i;
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return last; // rounding left a sliver at the end: the last candidate with weight
}

function largestMax(maxima: number[]): number {
  let best = 0;
  maxima.forEach((m, i) => {
    if (m > maxima[best]!) best = i;
  });
  return best;
}

export function selectScoreKmeans(ctx: QueryContext): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  if (count === 0) return [];
  const features = standardize([...pool, ...ctx.queried].map((c) => scoreFeatures(c, ctx.threshold)));
  const nearest = new Float64Array(pool.length).fill(Infinity);
  const addCentre = (centre: number[]): void => {
    for (let i = 0; i < pool.length; i++) nearest[i] = Math.min(nearest[i]!, squaredDistance(features[i]!, centre));
  };
  for (let q = 0; q < ctx.queried.length; q++) addCentre(features[pool.length + q]!);
  const taken = new Uint8Array(pool.length);
  const rng = createRng(ctx.seed);
  const picks: QueryPick[] = [];
  while (picks.length < count) {
    const first = picks.length === 0 && ctx.queried.length === 0;
    const i = first ? largestMax(pool.map(maxScoreOf)) : draw(nearest, taken, rng);
    const reason = first
      ? "score-kmeans: largest maximum score (first centre)"
      : `score-kmeans: squared distance ${nearest[i]!.toFixed(2)} to the nearest chosen unit (score features)`;
    taken[i] = 1;
    picks.push({ key: pool[i]!.key, rank: picks.length, reason });
    addCentre(features[i]!);
    ctx.onProgress?.(picks.length, count);
  }
  return picks;
}

export const scoreKmeansStrategy: QueryStrategy = { name: "score-kmeans", select: selectScoreKmeans };

/**
 * Seeded synthetic labelled candidates for tests and benchmarks: a positive, noisy
 * negative-log-likelihood-like baseline, rare isolated spikes (which make false and premature
 * alarms possible), and for anomalous candidates a bump that starts at or a little after the
 * labelled onset.
 */
import type { Rng } from "../rng";
import type { LabelledCandidate } from "./types";

export type SyntheticOptions = {
  count: number;
  /** Shortest and longest series, in steps (inclusive). */
  minLength: number;
  maxLength: number;
  /** Share of anomalous candidates (default 0.4). */
  anomalousShare?: number;
  /** Chance per step of an isolated spike (default 0.003). */
  spikeRate?: number;
  /** Round every score to a multiple of this, to create ties (default: no rounding). */
  tieStep?: number;
  /** Float32Array scores instead of Float64Array (default true). */
  float32?: boolean;
};

export function syntheticCandidates(rng: Rng, opts: SyntheticOptions): LabelledCandidate[] {
  return Array.from({ length: opts.count }, () => syntheticCandidate(rng, opts));
}

function syntheticCandidate(rng: Rng, opts: SyntheticOptions): LabelledCandidate {
  const length = opts.minLength + rng.int(opts.maxLength - opts.minLength + 1);
  const scores = opts.float32 === false ? new Float64Array(length) : new Float32Array(length);
  const spikeRate = opts.spikeRate ?? 0.003;
  for (let i = 0; i < length; i++) {
    const spike = rng.next() < spikeRate ? 1 + 3 * rng.next() : 0;
    scores[i] = 1 + 0.3 * Math.abs(rng.normal()) + spike;
  }
  const anomalous = rng.next() < (opts.anomalousShare ?? 0.4);
  const onset = anomalous ? rng.int(length) : undefined;
  if (onset !== undefined) addBump(rng, scores, onset);
  if (opts.tieStep !== undefined) roundTo(scores, opts.tieStep);
  return onset === undefined ? { scores, anomalous } : { scores, anomalous, onset };
}

/** A raised stretch after the onset; sometimes weak enough to be missed. */
function addBump(rng: Rng, scores: Float32Array | Float64Array, onset: number): void {
  const start = onset + rng.int(20);
  const end = Math.min(scores.length, start + 5 + rng.int(60));
  const height = 4 * rng.next();
  for (let i = start; i < end; i++) scores[i] = (scores[i] ?? 0) + height;
}

function roundTo(scores: Float32Array | Float64Array, step: number): void {
  for (let i = 0; i < scores.length; i++) scores[i] = Math.round((scores[i] ?? 0) / step) * step;
}

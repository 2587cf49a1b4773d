/**
 * From one model's scores to the inputs of the simulated runs of a (fold, stage), built exactly as
 * the app builds them:
 * - the query pool follows the app's pool rule (lib/query/pool-rule.ts): the stage's validation
 *   sequences (the detector did not train on them), and its train sequences when the mode says so —
 *   by default ("auto") when the stage's validation split is thin; the test split is never offered;
 * - candidates are whole sequences or segments of `segmentLength` steps (`buildCandidates`, keys
 *   "<sequenceId>:<start>-<end>"), and the test split is cut the same way, so that the threshold is
 *   fitted and judged on the same units;
 * - a segment's ground truth is mapped exactly from the sequence's step labels (`stretchTruth`);
 * - "best" is fitted on every candidate of the pool (the most a strategy can know).
 */
import type { DistanceCache } from "../query";
import { buildCandidates } from "../query/candidates";
import { poolSequences, resolvePoolRule, type PoolMode } from "../query/pool-rule";
import type { LabelledCandidate } from "../threshold";
import type { Truth } from "./expert";
import type { StageMembers } from "./folds";
import type { StageInput } from "./simulate";

/**
 * A sequence of the evaluated dataset: its id (unique, no ":"), display name, ground truth and, when
 * known, its 0/1 step labels (needed to map segments exactly; without them the anomaly is taken to
 * run from the onset to the end).
 */
export type EvalSequence = { id: string; name: string; truth: Truth; labels?: Uint8Array; length?: number };

export type StageScores = ReadonlyMap<string, Float32Array>;

export type StageOptions = {
  /** Steps per candidate; null = whole sequences. */
  segmentLength: number | null;
  /** The pool rule's mode, resolved on the stage's validation split. */
  pool: PoolMode;
};

export const DEFAULT_STAGE_OPTIONS: StageOptions = { segmentLength: null, pool: "auto" };

function scoreOf(scores: StageScores, s: EvalSequence): Float32Array {
  const score = scores.get(s.id);
  if (!score) throw new Error(`no score for sequence ${s.name} (${s.id})`);
  return score;
}

/** The largest score of a series (NaN steps ignored; −∞ when empty). */
export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] ?? Number.NaN) > max) max = values[i] ?? max;
  return max;
}

/** Ground truth of the stretch [start, end) of a sequence: anomalous when a labelled step falls in it, onset relative to start. */
export function stretchTruth(s: EvalSequence, start: number, end: number): Truth {
  if (s.labels) {
    for (let i = start; i < Math.min(end, s.labels.length); i++) if (s.labels[i]) return { anomalous: true, onset: i - start };
    return { anomalous: false, onset: null };
  }
  if (!s.truth.anomalous) return { anomalous: false, onset: null };
  const onset = s.truth.onset ?? 0;
  return onset < end ? { anomalous: true, onset: Math.max(0, onset - start) } : { anomalous: false, onset: null };
}

type Unit = { key: string; scores: Float32Array; truth: Truth };

function unitsOf(list: readonly EvalSequence[], scores: StageScores, segmentLength: number | null): Unit[] {
  const byId = new Map(list.map((s) => [s.id, s]));
  return buildCandidates(
    list.map((s) => ({ sequenceId: s.id, score: scoreOf(scores, s) })),
    segmentLength,
  ).map((c) => {
    const s = byId.get(c.sequenceId);
    if (!s) throw new Error(`no sequence ${c.sequenceId}`);
    return { key: c.key, scores: c.scores, truth: stretchTruth(s, c.start, c.end) };
  });
}

const asCandidate = (u: Unit) => ({ key: u.key, scores: u.scores, maxScore: maxOf(u.scores) });

export function buildStageInput(args: {
  sequences: readonly EvalSequence[];
  members: StageMembers;
  test: readonly number[];
  scores: StageScores;
  distance?: DistanceCache;
  options?: StageOptions;
}): StageInput {
  const { sequences, members, scores } = args;
  const { segmentLength, pool: mode } = args.options ?? DEFAULT_STAGE_OPTIONS;
  const at = (i: number): EvalSequence => {
    const s = sequences[i];
    if (!s) throw new RangeError(`no sequence ${i}`);
    return s;
  };
  const train = unitsOf(members.train.map(at), scores, segmentLength);
  const validation = unitsOf(members.validation.map(at), scores, segmentLength);
  // The app's pool rule (lib/query/pool-rule.ts), applied to the stage's splits.
  const bySplit = [
    { split: "validation", units: validation },
    { split: "train", units: train },
  ];
  const pool = poolSequences(bySplit, resolvePoolRule(mode, members.validation.length)).flatMap((s) => s.units);
  const test: LabelledCandidate[] = unitsOf(args.test.map(at), scores, segmentLength).map((u) =>
    u.truth.anomalous ? { scores: u.scores, anomalous: true, onset: u.truth.onset ?? 0 } : { scores: u.scores, anomalous: false },
  );
  return {
    fraction: members.fraction,
    pool: pool.map(asCandidate),
    labelledAll: [...train, ...validation].map(asCandidate),
    truth: new Map([...train, ...validation].map((u) => [u.key, u.truth])),
    validation: members.validation.map(at).map((s) => scoreOf(scores, s)),
    test,
    distance: args.distance,
  };
}

/** Ids of the sequences a (fold, stage) model must score: the stage's train and validation, and the fold's test. */
export function neededSequences(sequences: readonly EvalSequence[], members: StageMembers, test: readonly number[]): EvalSequence[] {
  return [...members.train, ...members.validation, ...test].flatMap((i) => sequences[i] ?? []);
}

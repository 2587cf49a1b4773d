/**
 * From one model's scores to the inputs of the simulated runs of a (fold, stage): whole-sequence
 * candidates built exactly as the query panel builds them (`buildCandidates` with no segment length,
 * keys "<sequenceId>:0-<length>"), the ground truth by candidate key, the validation scores and the
 * labelled test candidates.
 */
import type { DistanceCache } from "../query";
import { buildCandidates } from "../query-candidates";
import type { LabelledCandidate } from "../threshold";
import type { Truth } from "./expert";
import type { StageMembers } from "./folds";
import type { StageInput } from "./simulate";

/** A sequence of the evaluated dataset: its id (unique, no ":"), display name and ground truth. */
export type EvalSequence = { id: string; name: string; truth: Truth };

export type StageScores = ReadonlyMap<string, Float32Array>;

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

export function buildStageInput(args: {
  sequences: readonly EvalSequence[];
  members: StageMembers;
  test: readonly number[];
  scores: StageScores;
  distance?: DistanceCache;
}): StageInput {
  const { sequences, members, scores } = args;
  const at = (i: number): EvalSequence => {
    const s = sequences[i];
    if (!s) throw new RangeError(`no sequence ${i}`);
    return s;
  };
  const poolSequences = [...members.train, ...members.validation].map(at);
  const candidates = buildCandidates(poolSequences.map((s) => ({ sequenceId: s.id, score: scoreOf(scores, s) })), null);
  const byId = new Map(poolSequences.map((s) => [s.id, s.truth]));
  const truth = new Map(candidates.map((c) => [c.key, byId.get(c.sequenceId) ?? { anomalous: false, onset: null }]));
  const test: LabelledCandidate[] = args.test.map(at).map((s) => {
    const score = scoreOf(scores, s);
    return s.truth.anomalous ? { scores: score, anomalous: true, onset: s.truth.onset ?? 0 } : { scores: score, anomalous: false };
  });
  return {
    fraction: members.fraction,
    pool: candidates.map((c) => ({ key: c.key, scores: c.scores, maxScore: maxOf(c.scores) })),
    truth,
    validation: members.validation.map(at).map((s) => scoreOf(scores, s)),
    test,
    distance: args.distance,
  };
}

/** Ids of the sequences a (fold, stage) model must score: the stage's train and validation, and the fold's test. */
export function neededSequences(sequences: readonly EvalSequence[], members: StageMembers, test: readonly number[]): EvalSequence[] {
  return [...members.train, ...members.validation, ...test].flatMap((i) => sequences[i] ?? []);
}

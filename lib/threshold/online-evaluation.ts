/**
 * Online evaluation of a threshold on labelled candidates (docs/algorithms.md §9):
 * - a candidate is predicted anomalous when any step's score is ≥ the threshold;
 * - labelled normal: an alarm → false positive, none → true negative;
 * - labelled anomalous: the FIRST alarm at or after the onset → true positive, before the onset →
 *   false positive (a premature alarm), no alarm → false negative;
 * - detection delay of a true positive = (first alarm step − onset) / sampling rate, in seconds.
 * NaN scores never raise an alarm. Precision, recall and F1 take 0/0 as 0 (see metrics.ts).
 */
import { assertThreshold, firstAlarmIndex, onsetOf, onsetStep, samplingRateOf } from "./candidate";
import { f1Of, precisionOf, recallOf } from "./metrics";
import type { CandidateOutcome, LabelledCandidate, OnlineEvaluation, OnlineOptions, OutcomeCounts, OutcomeKind } from "./types";

/** The outcome of one candidate given the index of its first alarm (-1 for none). */
export function outcomeKind(candidate: LabelledCandidate, firstAlarm: number): OutcomeKind {
  if (!candidate.anomalous) return firstAlarm < 0 ? "tn" : "fp";
  const onset = onsetStep(candidate); // validates the onset even when nothing alarms
  if (firstAlarm < 0) return "fn";
  return firstAlarm >= onset ? "tp" : "premature";
}

export function classifyOnline(candidate: LabelledCandidate, threshold: number): CandidateOutcome {
  const first = firstAlarmIndex(candidate.scores, threshold);
  return { kind: outcomeKind(candidate, first), firstAlarm: first < 0 ? null : first };
}

export function emptyCounts(): OutcomeCounts {
  return { tp: 0, fp: 0, tn: 0, fn: 0, prematureAlarms: 0 };
}

export function addOutcome(counts: OutcomeCounts, kind: OutcomeKind): void {
  if (kind === "premature") {
    counts.fp += 1;
    counts.prematureAlarms += 1;
  } else {
    counts[kind] += 1;
  }
}

/** Only the counts, without delays or per-candidate outcomes (what a threshold search needs). */
export function tallyOnline(candidates: readonly LabelledCandidate[], threshold: number): OutcomeCounts {
  assertThreshold(threshold);
  const counts = emptyCounts();
  for (const c of candidates) addOutcome(counts, outcomeKind(c, firstAlarmIndex(c.scores, threshold)));
  return counts;
}

export function evaluateOnline(candidates: readonly LabelledCandidate[], threshold: number, opts?: OnlineOptions): OnlineEvaluation {
  assertThreshold(threshold);
  const rate = samplingRateOf(opts);
  return summarise(
    candidates,
    candidates.map((c) => classifyOnline(c, threshold)),
    rate,
  );
}

/** Counts, scores and delays from per-candidate outcomes (given in candidate order). */
export function summarise(candidates: readonly LabelledCandidate[], outcomes: CandidateOutcome[], samplingRate: number): OnlineEvaluation {
  const counts = emptyCounts();
  const delays: number[] = [];
  outcomes.forEach((outcome, i) => {
    addOutcome(counts, outcome.kind);
    const c = candidates[i];
    if (outcome.kind === "tp" && outcome.firstAlarm !== null && c !== undefined) {
      delays.push((outcome.firstAlarm - onsetOf(c)) / samplingRate);
    }
  });
  return { ...counts, ...scoresOf(counts), delays, meanDelay: meanOrNull(delays), outcomes };
}

export function scoresOf(counts: OutcomeCounts): { precision: number; recall: number; f1: number } {
  return {
    precision: precisionOf(counts.tp, counts.fp),
    recall: recallOf(counts.tp, counts.fn),
    f1: f1Of(counts.tp, counts.fp, counts.fn),
  };
}

function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

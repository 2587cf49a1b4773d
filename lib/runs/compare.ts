/**
 * The runs of a dataset side by side: each one's thresholds, how each threshold does on the test
 * split's ground truth (whole sequences as candidates, counted as the online evaluation counts: the
 * first alarm at or after the onset is a hit, one before it a premature alarm), and how long it took.
 */
import { scoresOf, tallyOnline } from "../threshold/online-evaluation";
import type { LabelledCandidate } from "../threshold/types";

export type TestScore = { f1: number; precision: number; recall: number };

/** F1 etc. of a threshold on the test candidates; null without a threshold or without candidates. */
export function testScore(candidates: readonly LabelledCandidate[], threshold: number | null): TestScore | null {
  if (threshold === null || !Number.isFinite(threshold) || candidates.length === 0) return null;
  return scoresOf(tallyOnline(candidates, threshold));
}

export type ThresholdKind = "unsupervised" | "refined" | "manual";

export type ComparedRun = {
  id: string;
  detector: string;
  status: string;
  createdAt: string;
  thresholds: Record<ThresholdKind, number | null>;
  inEffect: ThresholdKind;
  /** Per threshold, its score on the test split; null where it has none (no ground truth, not complete, no threshold). */
  test: Record<ThresholdKind, TestScore | null> | null;
  /** Start to finish, training and scoring, in milliseconds; null while it has not finished. */
  tookMs: number | null;
};

/** From start to finish in milliseconds, null when either is missing. */
export function runDuration(startedAt: Date | null, finishedAt: Date | null): number | null {
  return startedAt && finishedAt ? Math.max(0, finishedAt.getTime() - startedAt.getTime()) : null;
}

/** The best F1 among the compared runs' thresholds in effect, to mark it; null when none has one. */
export function bestInEffect(runs: readonly ComparedRun[]): string | null {
  let best: { id: string; f1: number } | null = null;
  for (const r of runs) {
    const f1 = r.test?.[r.inEffect]?.f1;
    if (f1 !== undefined && (best === null || f1 > best.f1)) best = { id: r.id, f1 };
  }
  return best?.id ?? null;
}

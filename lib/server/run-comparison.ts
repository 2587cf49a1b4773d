import "server-only";
import { bestInEffect, runDuration, testScore, type ComparedRun, type ThresholdKind } from "../runs/compare";
import type { LabelledCandidate } from "../threshold/types";
import { thresholdInEffect } from "../threshold/view";
import { db } from "./db";
import type { RunRow } from "./runs";
import { scoreValues } from "./runs";
import { currentThresholds } from "./thresholds";

/**
 * A complete run's scores never change, so its test scores depend only on its thresholds: kept per run
 * and threshold values, so that the runs page reads the scores of a run once, not on every visit.
 */
const cache = new Map<string, ComparedRun["test"]>();
const CACHE_LIMIT = 500;

export type TestTruth = Map<string, { anomalous: boolean; onset: number | null }>;

/** The ground truth of a dataset's test sequences that have one, by sequence id. */
export async function testTruth(datasetId: string): Promise<TestTruth> {
  const test = await db.sequence.findMany({
    where: { datasetId, split: "test", groundTruth: { isNot: null } },
    select: { id: true, groundTruth: { select: { anomalous: true, onset: true } } },
  });
  return new Map(test.flatMap((s) => (s.groundTruth ? [[s.id, s.groundTruth] as const] : [])));
}

/** A run's scores of the test sequences in `truth`, as whole labelled candidates (sequence order of the rows). */
export async function testCandidates(runId: string, truth: TestTruth): Promise<LabelledCandidate[]> {
  const rows = await db.score.findMany({
    where: { runId, sequenceId: { in: [...truth.keys()] } },
    select: { sequenceId: true, length: true, data: true },
  });
  return rows.flatMap((r) => {
    const t = truth.get(r.sequenceId);
    return t ? [{ scores: scoreValues(r.data, r.length), anomalous: t.anomalous, ...(t.onset !== null ? { onset: t.onset } : {}) }] : [];
  });
}

async function testScores(runId: string, truth: TestTruth, thresholds: ComparedRun["thresholds"]): Promise<ComparedRun["test"]> {
  const key = `${runId}|${thresholds.unsupervised}|${thresholds.refined}|${thresholds.manual}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const candidates = await testCandidates(runId, truth);
  const test = {
    unsupervised: testScore(candidates, thresholds.unsupervised),
    refined: testScore(candidates, thresholds.refined),
    manual: testScore(candidates, thresholds.manual),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, test);
  return test;
}

/**
 * The runs of a dataset side by side: thresholds, F1 on the test split's ground truth (complete runs
 * only, and only where the test split has ground truth), and time. `groundTruth` says whether any test
 * sequence has it.
 */
export async function compareRuns(
  datasetId: string,
  runs: readonly RunRow[],
): Promise<{ runs: ComparedRun[]; groundTruth: boolean; testSequences: number; best: string | null }> {
  const truth = await testTruth(datasetId);
  const compared = await Promise.all(
    runs.map(async (r): Promise<ComparedRun> => {
      const current = await currentThresholds(r.id);
      const thresholds = {
        unsupervised: current.unsupervised?.value ?? r.threshold,
        refined: current.fromLabels?.kind === "refined" ? current.fromLabels.value : null,
        manual: current.manual?.value ?? null,
      };
      const inEffect: ThresholdKind = thresholdInEffect(current, r.threshold).kind;
      return {
        id: r.id,
        detector: r.detector,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        thresholds,
        inEffect,
        test: r.status === "complete" && truth.size > 0 ? await testScores(r.id, truth, thresholds) : null,
        tookMs: runDuration(r.startedAt, r.finishedAt),
      };
    }),
  );
  return { runs: compared, groundTruth: truth.size > 0, testSequences: truth.size, best: bestInEffect(compared) };
}

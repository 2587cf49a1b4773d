import "server-only";
import {
  bestThreshold,
  f1Curve,
  metricsAt,
  perBatch,
  thresholdHistory,
  type BestThreshold,
  type CurvePoint,
  type HistoryRow,
  type HistoryStep,
  type ThresholdMetrics,
} from "../runs/metrics";
import { db } from "./db";
import { testCandidates, testTruth } from "./run-comparison";
import { getRun } from "./runs";
import { allThresholds, currentThresholds } from "./thresholds";

/** What GET /api/runs/[id]/metrics answers and the metrics page shows (see lib/runs/metrics.ts). */
export type RunMetrics = {
  run: { id: string; detector: string; status: string; datasetId: string; datasetName: string };
  samplingRate: number;
  /** Test sequences with ground truth, and how many of them are anomalous. */
  testSequences: number;
  anomalous: number;
  /** Why there are no figures (run not complete, no ground truth on the test split); null when there are. */
  unavailable: string | null;
  unsupervised: ThresholdMetrics | null;
  refined: ThresholdMetrics | null;
  best: BestThreshold | null;
  /** A manual threshold in effect, if an admin set one (shown beside the three). */
  manual: ThresholdMetrics | null;
  curve: CurvePoint[];
  history: HistoryStep[];
  batches: HistoryStep[];
  /** Query batches of the run, oldest first (their 1-based number is the history's `batch`). */
  batchCount: number;
};

/** The 1-based number of the query batch of each label, by label id. */
async function batchOfLabels(runId: string, labelIds: readonly string[]): Promise<Map<string, number>> {
  const batches = await db.queryBatch.findMany({ where: { runId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  const number = new Map(batches.map((b, i) => [b.id, i + 1]));
  const labels = labelIds.length
    ? await db.label.findMany({ where: { id: { in: [...labelIds] } }, select: { id: true, query: { select: { batchId: true } } } })
    : [];
  return new Map(labels.flatMap((l) => (number.has(l.query.batchId) ? [[l.id, number.get(l.query.batchId) ?? 0] as const] : [])));
}

export async function runMetrics(runId: string): Promise<RunMetrics> {
  const run = await getRun(runId);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: run.datasetId }, select: { name: true, samplingRate: true } });
  const [truth, current, stored, batchCount] = await Promise.all([
    testTruth(run.datasetId),
    currentThresholds(runId),
    allThresholds(runId),
    db.queryBatch.count({ where: { runId } }),
  ]);
  const base = {
    run: { id: run.id, detector: run.detector, status: run.status, datasetId: run.datasetId, datasetName: dataset.name },
    samplingRate: dataset.samplingRate,
    testSequences: truth.size,
    anomalous: [...truth.values()].filter((t) => t.anomalous).length,
    batchCount,
  };
  const empty = { unsupervised: null, refined: null, best: null, manual: null, curve: [], history: [], batches: [] };
  if (run.status !== "complete") return { ...base, ...empty, unavailable: `The run is ${run.status}; metrics need a complete run.` };
  if (truth.size === 0) return { ...base, ...empty, unavailable: "The test split has no sequence with ground truth." };

  const candidates = await testCandidates(runId, truth);
  const rate = dataset.samplingRate;
  const unsupervised = current.unsupervised?.value ?? run.threshold;
  const refined = current.fromLabels?.kind === "refined" ? current.fromLabels.value : null;
  const labelRows = stored.filter((t) => t.kind === "refined" || t.kind === "withdrawn");
  const batchOf = await batchOfLabels(runId, [...new Set(labelRows.flatMap((t) => t.labelIds ?? []))]);
  const rows: HistoryRow[] = labelRows.map((t) => {
    const numbers = (t.labelIds ?? []).flatMap((id) => batchOf.get(id) ?? []);
    return {
      version: t.version,
      kind: t.kind === "refined" ? "refined" : "withdrawn",
      value: t.value,
      labelCount: t.labelCount,
      batch: numbers.length ? Math.max(...numbers) : null,
      createdAt: t.createdAt,
    };
  });
  const history = thresholdHistory(rows, unsupervised, candidates, rate);
  return {
    ...base,
    unavailable: null,
    unsupervised: metricsAt(candidates, unsupervised, rate),
    refined: metricsAt(candidates, refined, rate),
    best: bestThreshold(candidates, rate),
    manual: metricsAt(candidates, current.manual?.value ?? null, rate),
    curve: f1Curve(candidates),
    history,
    batches: perBatch(history),
  };
}

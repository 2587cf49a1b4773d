import "server-only";
/**
 * Refinement of a run with its labels (ALOE, docs/algorithms.md §8.4–§8.5), server side: which run
 * may be refined, the contamination estimate from its queries, the child's threshold from the
 * parent's labels, and the comparison the child's page shows.
 *
 * Labels belong to the data: they hang on the parent's queries (query → batch → run), and a child
 * run has no batches of its own. When the child completes, its threshold from labels is computed
 * from the parent's labelled queries on the child's scores (the same rule and placement as any run).
 * A label given, changed or resolved on the parent's queries later moves the thresholds of the
 * parent and of its complete children together, in one transaction (lib/server/labels.ts).
 */
import { detectorSpec } from "../detectors/registry";
import type { DetectorKind } from "../detectors/types";
import { AppError } from "../errors";
import { effectiveLabel } from "../labelling/labels";
import { estimateContamination, fineTuneAlpha, type ContaminationEstimate } from "../query/contamination";
import type { ChannelSummary } from "../preprocess";
import { decodeFloat32 } from "../series/chunks";
import type { RefineSpan, RefineView, RunSide } from "../runs/refine-view";
import type { Split } from "../series/types";
import { thresholdInEffect } from "../threshold/view";
import { batchParamsSchema } from "../validations/query";
import { runConfigSchema } from "../validations/run";
import { db } from "./db";
import { loadRunLabels } from "./labels";
import { readScoreBytes } from "./series-store";
import { currentThresholds, storeLabelThreshold, type Tx } from "./thresholds";

/** Throws unless `parentId` is a complete run of this dataset and detector, with weights and labels. */
export async function assertRefinable(parentId: string, datasetId: string, detector: string): Promise<void> {
  const parent = await db.detectorRun.findUnique({
    where: { id: parentId },
    select: { datasetId: true, detector: true, status: true, weightsSpec: true },
  });
  if (!parent || parent.datasetId !== datasetId) throw new AppError("invalid", "The parent run is not a run of this dataset.");
  if (parent.detector !== detector) throw new AppError("invalid", `A refinement keeps the parent's detector (${parent.detector}).`);
  const noRefine = detectorSpec(parent.detector)?.noRefine;
  if (noRefine) throw new AppError("invalid", noRefine);
  if (parent.status !== "complete" || !parent.weightsSpec)
    throw new AppError("conflict", "Only a complete run with saved weights can be refined.");
  if ((await refineSpans(parentId)).length === 0) throw new AppError("conflict", "The parent run has no labelled query to refine with.");
}

/** The labels that count on the run's queries, as stretches (a query whose labels were all undone is left out). */
export async function refineSpans(runId: string, client: Tx = db): Promise<RefineSpan[]> {
  return (await loadRunLabels(client, runId)).flatMap((q): RefineSpan[] => {
    const label = effectiveLabel(q);
    if (!label) return [];
    if (!label.anomalous) return [{ sequenceId: q.sequenceId, start: q.start, end: q.end, anomalous: false }];
    const onset = Math.min(q.end - 1, Math.max(q.start, label.onset ?? q.start));
    return [{ sequenceId: q.sequenceId, start: onset, end: q.end, anomalous: true }];
  });
}

/** Called in the child's completing transaction: its threshold from the parent's labels. */
export async function inheritLabelThreshold(tx: Tx, childId: string, parentId: string): Promise<void> {
  const queries = await loadRunLabels(tx, parentId);
  if (queries.length === 0) return;
  const child = await tx.detectorRun.update({
    where: { id: childId },
    data: { thresholdVersion: { increment: 1 } },
    select: { thresholdVersion: true, createdById: true },
  });
  if (!child.createdById) return;
  await storeLabelThreshold(tx, { runId: childId, version: child.thresholdVersion, userId: child.createdById, queries });
}

/**
 * α̂ from the run's queries in the order they were drawn (batches by creation, picks by rank), each
 * with its recorded draw probability and the label that counts; the population is the first batch's
 * pool. Null when the run has no batch.
 */
export async function runContamination(runId: string): Promise<(ContaminationEstimate & { population: number | null }) | null> {
  const batches = await db.queryBatch.findMany({
    where: { runId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      params: true,
      queries: {
        orderBy: { rank: "asc" },
        select: {
          probability: true,
          resolvedLabelId: true,
          labels: { select: { id: true, anomalous: true, onset: true, createdAt: true } },
        },
      },
    },
  });
  if (batches.length === 0) return null;
  const population = batchParamsSchema.safeParse(batches[0]!.params).data?.poolSize ?? null;
  const draws = batches.flatMap((b) =>
    b.queries.map((q) => {
      const label = effectiveLabel({
        resolvedLabelId: q.resolvedLabelId,
        labels: q.labels.map((l) => ({ ...l, clientId: "", userId: "", userName: "", note: "", createdAt: l.createdAt.toISOString() })),
      });
      return { anomalous: label ? label.anomalous : null, probability: q.probability };
    }),
  );
  if (population === null) {
    const base = estimateContamination(draws, 1);
    return {
      ...base,
      estimate: null,
      lower: null,
      upper: null,
      population,
      reason: "the batches do not record their pool (made before draw probabilities were kept)",
    };
  }
  return { ...estimateContamination(draws, population), population };
}

async function side(runId: string, runThreshold: number | null, spans: readonly RefineSpan[]): Promise<RunSide> {
  const current = await currentThresholds(runId);
  const peaks = { anomalous: [] as number[], normal: [] as number[] };
  for (const s of spans) {
    const bytes = await readScoreBytes(runId, s.sequenceId);
    if (!bytes) continue;
    const scores = decodeFloat32(bytes);
    let max = -Infinity;
    for (let t = s.start; t < s.end && t < scores.length; t++) max = Math.max(max, scores[t]!);
    if (Number.isFinite(max)) (s.anomalous ? peaks.anomalous : peaks.normal).push(max);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    id: runId,
    unsupervised: current.unsupervised?.value ?? runThreshold,
    fromLabels: current.fromLabels,
    inEffect: thresholdInEffect(current, runThreshold),
    anomalousPeak: mean(peaks.anomalous),
    normalPeak: mean(peaks.normal),
  };
}

/** Parent and child side by side, on the parent's labels; null for a run without a parent (or a parent deleted). */
export async function refineComparison(childId: string): Promise<{ parent: RunSide; child: RunSide; labels: number } | null> {
  const child = await db.detectorRun.findUnique({ where: { id: childId }, select: { parentRunId: true, threshold: true } });
  if (!child?.parentRunId) return null;
  const parent = await db.detectorRun.findUnique({ where: { id: child.parentRunId }, select: { threshold: true } });
  if (!parent) return null;
  const spans = await refineSpans(child.parentRunId);
  return {
    parent: await side(child.parentRunId, parent.threshold, spans),
    child: await side(childId, child.threshold, spans),
    labels: spans.length,
  };
}

/** Everything the run page's ALOE section shows (components/runs/refine-section.tsx); null when it has nothing to show. */
export async function refineView(runId: string, canRefine: boolean): Promise<RefineView | null> {
  const run = await db.detectorRun.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, detector: true, config: true, datasetId: true },
  });
  const [contamination, comparison, spans] = await Promise.all([runContamination(runId), refineComparison(runId), refineSpans(runId)]);
  if (!contamination && !comparison) return null;
  const config = runConfigSchema.safeParse(run.config);
  let refine = null;
  if (canRefine && run.status === "complete" && spans.length > 0 && config.success) {
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: run.datasetId }, select: { trainStats: true } });
    const stats = dataset.trainStats as ChannelSummary | null;
    const sequences = await db.sequence.findMany({
      where: { datasetId: run.datasetId },
      orderBy: { index: "asc" },
      select: { id: true, split: true },
    });
    if (stats) {
      refine = {
        parentRunId: runId,
        datasetId: run.datasetId,
        detector: run.detector as DetectorKind,
        config: config.data,
        sequences: sequences.map((s) => ({ id: s.id, split: s.split as Split })),
        trainStats: { mean: stats.mean, std: stats.std },
        spans,
        suggestedAlpha: fineTuneAlpha(contamination),
      };
    }
  }
  return { contamination, comparison, refine };
}

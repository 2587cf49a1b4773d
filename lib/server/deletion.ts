import "server-only";
/**
 * Admins delete a dataset or a run with everything that hangs on it (the schema cascades: sequences,
 * series chunks, ground truth, runs, scores, batches, queries, labels, thresholds). Each deletion is
 * counted first, so that the confirmation says what goes, and recorded as an AuditEvent (who, when,
 * what, with the counts) in the same transaction — the audit outlives what it describes.
 */
import { describeDeletion, type DeletionSummary } from "../deletion-summary";
import { AppError } from "../errors";
import type { CurrentUser } from "./auth";
import { db } from "./db";

function runName(run: { id: string; detector: string }): string {
  return `${run.detector} ${run.id.slice(-6)}`;
}

export async function runDeletionSummary(id: string): Promise<DeletionSummary> {
  const run = await db.detectorRun.findUnique({ where: { id }, select: { id: true, detector: true } });
  if (!run) throw new AppError("not_found", "No such run.");
  const [scores, batches, queries, labels, thresholds] = await Promise.all([
    db.score.count({ where: { runId: id } }),
    db.queryBatch.count({ where: { runId: id } }),
    db.query.count({ where: { batch: { runId: id } } }),
    db.label.count({ where: { query: { batch: { runId: id } } } }),
    db.threshold.count({ where: { runId: id } }),
  ]);
  return { kind: "run", id, name: runName(run), counts: { scores, batches, queries, labels, thresholds } };
}

export async function datasetDeletionSummary(id: string): Promise<DeletionSummary> {
  const dataset = await db.dataset.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!dataset) throw new AppError("not_found", "No such dataset.");
  const inRuns = { run: { datasetId: id } };
  const [sequences, runs, scores, batches, queries, labels, thresholds] = await Promise.all([
    db.sequence.count({ where: { datasetId: id } }),
    db.detectorRun.count({ where: { datasetId: id } }),
    db.score.count({ where: inRuns }),
    db.queryBatch.count({ where: inRuns }),
    db.query.count({ where: { batch: inRuns } }),
    db.label.count({ where: { query: { batch: inRuns } } }),
    db.threshold.count({ where: inRuns }),
  ]);
  return { kind: "dataset", id, name: dataset.name, counts: { sequences, runs, scores, batches, queries, labels, thresholds } };
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function audited(summary: DeletionSummary, actor: CurrentUser, remove: (tx: Tx) => Promise<unknown>): Promise<DeletionSummary> {
  const action = `${summary.kind}.delete`;
  await db.$transaction(async (tx) => {
    await tx.auditEvent.create({
      data: {
        action,
        targetType: summary.kind,
        targetId: summary.id,
        actorId: actor.id,
        summary: { name: summary.name, counts: summary.counts, text: describeDeletion(summary) },
      },
    });
    await remove(tx);
  });
  return summary;
}

export async function deleteRun(id: string, actor: CurrentUser): Promise<DeletionSummary> {
  const summary = await runDeletionSummary(id);
  const run = await db.detectorRun.findUnique({ where: { id }, select: { status: true } });
  if (run?.status === "running") throw new AppError("conflict", "This run is still training: interrupt it first, then delete it.");
  return audited(summary, actor, (tx) => tx.detectorRun.delete({ where: { id } }));
}

export async function deleteDataset(id: string, confirmName: string, actor: CurrentUser): Promise<DeletionSummary> {
  const summary = await datasetDeletionSummary(id);
  if (confirmName.trim() !== summary.name)
    throw new AppError("invalid", `Type the dataset's name exactly (“${summary.name}”) to delete it.`);
  const running = await db.detectorRun.count({ where: { datasetId: id, status: "running" } });
  if (running > 0) throw new AppError("conflict", "A run of this dataset is still training: interrupt it first, then delete the dataset.");
  return audited(summary, actor, (tx) => tx.dataset.delete({ where: { id } }));
}

export type AuditView = { id: string; action: string; targetId: string; text: string; actor: string; createdAt: string };

export async function listAuditEvents(take = 200): Promise<AuditView[]> {
  const rows = await db.auditEvent.findMany({
    orderBy: { createdAt: "desc" },
    take,
    include: { actor: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    targetId: r.targetId,
    createdAt: r.createdAt.toISOString(),
    text: typeof r.summary === "object" && r.summary !== null && "text" in r.summary ? String(r.summary.text) : r.action,
    actor: r.actor ? `${r.actor.name} (${r.actor.email})` : "a deleted user",
  }));
}

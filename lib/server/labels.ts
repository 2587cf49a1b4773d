import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import type { LabelledQuery, LabellingRun, LabelView } from "../labelling/labels";
import type { ThresholdView } from "../threshold/view";
import type { CreateLabelInput } from "../validations/label";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { runPool } from "./query-pool";
import { currentThresholds, inRunTransaction, labelThreshold, storeLabelThreshold, type Tx } from "./thresholds";

/**
 * Experts' labels and admins' resolutions. Each change runs in its run's threshold transaction
 * (lib/server/thresholds.ts), which recomputes the refined threshold from every label of the run
 * after the change and stores it, so the stored threshold always matches the stored labels.
 */

/** A label's stored fields and its author's name (the export adds the author's email and the query). */
export const labelFields = {
  id: true,
  clientId: true,
  queryId: true,
  userId: true,
  anomalous: true,
  onset: true,
  regionEnd: true,
  note: true,
  createdAt: true,
  user: { select: { name: true } },
} as const satisfies Prisma.LabelSelect;

type LabelRow = Prisma.LabelGetPayload<{ select: typeof labelFields }>;

export type SavedLabel = LabelView & { queryId: string };

function view(row: LabelRow): SavedLabel {
  return {
    id: row.id,
    clientId: row.clientId,
    queryId: row.queryId,
    userId: row.userId,
    userName: row.user.name,
    anomalous: row.anomalous,
    onset: row.onset,
    regionEnd: row.regionEnd,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A label by clientId with the run its query belongs to; 409 when it is another user's. */
async function existing(clientId: string, user: CurrentUser): Promise<{ label: SavedLabel; runId: string } | null> {
  const row = await db.label.findUnique({
    where: { clientId },
    select: { ...labelFields, query: { select: { batch: { select: { runId: true } } } } },
  });
  if (!row) return null;
  if (row.userId !== user.id) throw new AppError("conflict", "That clientId belongs to another label.");
  return { label: view(row), runId: row.query.batch.runId };
}

/** Every labelled query of a run with all its labels, oldest label first, as `client` sees them. */
export async function loadRunLabels(client: Tx, runId: string): Promise<LabelledQuery[]> {
  const rows = await client.query.findMany({
    where: { batch: { runId }, labels: { some: {} } },
    // A total order, the same for every reader: the candidates' order is the labels' order.
    orderBy: [{ batch: { createdAt: "asc" } }, { batchId: "asc" }, { rank: "asc" }],
    select: {
      id: true,
      sequenceId: true,
      start: true,
      end: true,
      resolvedLabelId: true,
      labels: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: labelFields },
    },
  });
  return rows.map((q) => ({
    queryId: q.id,
    sequenceId: q.sequenceId,
    start: q.start,
    end: q.end,
    resolvedLabelId: q.resolvedLabelId,
    labels: q.labels.map((l) => view(l)),
  }));
}

/**
 * Inside inRunTransaction, after a label change: the labels' threshold recomputed from what the
 * transaction sees, and stored — for the run, and for every complete run refined from it (its
 * children: labels belong to the data, and a child reads its threshold from its parent's labels).
 */
async function recompute(tx: Tx, runId: string, version: number, userId: string): Promise<ThresholdView | null> {
  const queries = await loadRunLabels(tx, runId);
  const children = await tx.detectorRun.findMany({ where: { parentRunId: runId, status: "complete" }, select: { id: true } });
  for (const child of children) {
    const { thresholdVersion } = await tx.detectorRun.update({
      where: { id: child.id },
      data: { thresholdVersion: { increment: 1 } },
      select: { thresholdVersion: true },
    });
    await storeLabelThreshold(tx, { runId: child.id, version: thresholdVersion, userId, queries });
  }
  return storeLabelThreshold(tx, { runId, version, userId, queries });
}

/**
 * Stores an expert's label once per clientId: a repeated request returns the stored label
 * (`created: false`). The query must be in a dataset assigned to the expert, and an anomalous
 * label's onset must lie within the query's stretch [start, end), and its region end, when marked,
 * after the onset and at most at the stretch's end. The run's threshold is
 * recomputed and stored in the same transaction; `threshold` is the labels' latest stored one.
 */
export async function createLabel(
  user: CurrentUser,
  input: CreateLabelInput,
): Promise<{ label: SavedLabel; created: boolean; threshold: ThresholdView | null }> {
  const before = await existing(input.clientId, user);
  if (before) return { label: before.label, created: false, threshold: await labelThreshold(before.runId) };
  const query = await db.query.findFirst({
    where: { id: input.queryId, batch: { run: { dataset: { assignments: { some: { userId: user.id } } } } } },
    select: { start: true, end: true, batch: { select: { runId: true } } },
  });
  if (!query) throw new AppError("not_found", "No such query, or its dataset is not assigned to you.");
  const onset = input.anomalous ? (input.onset ?? null) : null;
  if (onset !== null && (onset < query.start || onset >= query.end)) {
    throw new AppError("invalid", `The onset ${onset} is outside the queried stretch [${query.start}, ${query.end}).`);
  }
  const regionEnd = onset !== null ? (input.regionEnd ?? null) : null;
  if (regionEnd !== null && regionEnd > query.end) {
    throw new AppError("invalid", `The region end ${regionEnd} is past the queried stretch [${query.start}, ${query.end}).`);
  }
  const runId = query.batch.runId;
  try {
    return await inRunTransaction(runId, async (tx, version) => {
      const row = await tx.label.create({
        data: {
          clientId: input.clientId,
          queryId: input.queryId,
          userId: user.id,
          anomalous: input.anomalous,
          onset,
          regionEnd,
          note: input.note,
        },
        select: labelFields,
      });
      return { label: view(row), created: true, threshold: await recompute(tx, runId, version, user.id) };
    });
  } catch (error) {
    // Two copies of one request raced: the other one stored it (and its threshold).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await existing(input.clientId, user);
      if (raced) return { label: raced.label, created: false, threshold: await labelThreshold(raced.runId) };
    }
    throw error;
  }
}

/** Undo: the author deletes their label; the run's threshold is recomputed and stored with it. */
export async function deleteLabel(user: CurrentUser, clientId: string): Promise<{ threshold: ThresholdView | null }> {
  const row = await db.label.findUnique({
    where: { clientId },
    select: { id: true, userId: true, query: { select: { batch: { select: { runId: true } } } } },
  });
  if (!row) throw new AppError("not_found", "No such label (already undone?).");
  if (row.userId !== user.id) throw new AppError("forbidden", "Only its author may undo a label.");
  const runId = row.query.batch.runId;
  return inRunTransaction(runId, async (tx, version) => {
    const { count } = await tx.label.deleteMany({ where: { id: row.id } });
    if (count === 0) throw new AppError("not_found", "No such label (already undone?).");
    return { threshold: await recompute(tx, runId, version, user.id) };
  });
}

/** Every labelled query of a run with all its labels, oldest label first. */
export async function listRunLabels(runId: string): Promise<LabelledQuery[]> {
  return loadRunLabels(db, runId);
}

/** What the labelling page needs of each run in an expert's queue. */
export async function labellingRuns(runIds: string[]): Promise<Record<string, LabellingRun>> {
  const out: Record<string, LabellingRun> = {};
  for (const id of [...new Set(runIds)]) {
    const run = await db.detectorRun.findUniqueOrThrow({
      where: { id },
      select: { threshold: true, detector: true, dataset: { select: { samplingRate: true, channelNames: true } } },
    });
    const t = await currentThresholds(id);
    out[id] = {
      detector: run.detector,
      samplingRate: run.dataset.samplingRate,
      channelNames: z.array(z.string()).parse(run.dataset.channelNames),
      unsupervised: t.unsupervised?.value ?? run.threshold,
      stored: t.fromLabels,
      manual: t.manual,
      pool: (await runPool(id))?.peaks ?? [],
    };
  }
  return out;
}

/**
 * Sets the label that counts for a query (an admin's resolution); it must be one of the query's
 * labels. The run's threshold is recomputed and stored in the same transaction.
 */
export async function resolveQuery(
  user: CurrentUser,
  queryId: string,
  labelId: string | null,
): Promise<{ query: { id: string; resolvedLabelId: string | null }; threshold: ThresholdView | null }> {
  const found = await db.query.findUnique({ where: { id: queryId }, select: { batch: { select: { runId: true } } } });
  if (!found) throw new AppError("not_found", "No such query.");
  const runId = found.batch.runId;
  return inRunTransaction(runId, async (tx, version) => {
    if (labelId !== null) {
      const label = await tx.label.findUnique({ where: { id: labelId }, select: { queryId: true } });
      if (!label) throw new AppError("conflict", "That label no longer exists (undone?): reload and choose again.");
      if (label.queryId !== queryId) throw new AppError("invalid", "That label belongs to another query.");
    }
    const query = await tx.query.update({
      where: { id: queryId },
      data: { resolvedLabelId: labelId },
      select: { id: true, resolvedLabelId: true },
    });
    return { query, threshold: await recompute(tx, runId, version, user.id) };
  });
}

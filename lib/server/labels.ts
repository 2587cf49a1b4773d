import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import type { LabelledQuery, LabelView, ThresholdState } from "../labels";
import type { CreateLabelInput } from "../validations/label";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { currentThresholds } from "./runs";

const labelFields = {
  id: true, clientId: true, queryId: true, userId: true, anomalous: true, onset: true, note: true, createdAt: true,
  user: { select: { name: true } },
} as const satisfies Prisma.LabelSelect;

type LabelRow = Prisma.LabelGetPayload<{ select: typeof labelFields }>;

export type SavedLabel = LabelView & { queryId: string };

function view(row: LabelRow): SavedLabel {
  return {
    id: row.id, clientId: row.clientId, queryId: row.queryId, userId: row.userId, userName: row.user.name,
    anomalous: row.anomalous, onset: row.onset, note: row.note, createdAt: row.createdAt.toISOString(),
  };
}

async function existing(clientId: string, user: CurrentUser): Promise<SavedLabel | null> {
  const row = await db.label.findUnique({ where: { clientId }, select: labelFields });
  if (!row) return null;
  if (row.userId !== user.id) throw new AppError("conflict", "That clientId belongs to another label.");
  return view(row);
}

/**
 * Stores an expert's label once per clientId: a repeated request returns the stored label
 * (`created: false`). The query must be in a dataset assigned to the expert, and an anomalous
 * label's onset must lie within the query's stretch [start, end).
 */
export async function createLabel(user: CurrentUser, input: CreateLabelInput): Promise<{ label: SavedLabel; created: boolean }> {
  const before = await existing(input.clientId, user);
  if (before) return { label: before, created: false };
  const query = await db.query.findFirst({
    where: { id: input.queryId, batch: { run: { dataset: { assignments: { some: { userId: user.id } } } } } },
    select: { start: true, end: true },
  });
  if (!query) throw new AppError("not_found", "No such query, or its dataset is not assigned to you.");
  const onset = input.anomalous ? (input.onset ?? null) : null;
  if (onset !== null && (onset < query.start || onset >= query.end)) {
    throw new AppError("invalid", `The onset ${onset} is outside the queried stretch [${query.start}, ${query.end}).`);
  }
  try {
    const row = await db.label.create({
      data: { clientId: input.clientId, queryId: input.queryId, userId: user.id, anomalous: input.anomalous, onset, note: input.note },
      select: labelFields,
    });
    return { label: view(row), created: true };
  } catch (error) {
    // Two copies of one request raced: the other one stored it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await existing(input.clientId, user);
      if (raced) return { label: raced, created: false };
    }
    throw error;
  }
}

/** Undo: the author deletes their label. */
export async function deleteLabel(user: CurrentUser, clientId: string): Promise<void> {
  const row = await db.label.findUnique({ where: { clientId }, select: { id: true, userId: true } });
  if (!row) throw new AppError("not_found", "No such label (already undone?).");
  if (row.userId !== user.id) throw new AppError("forbidden", "Only its author may undo a label.");
  await db.label.delete({ where: { id: row.id } });
}

/** Every labelled query of a run with all its labels, oldest label first. */
export async function listRunLabels(runId: string): Promise<LabelledQuery[]> {
  const rows = await db.query.findMany({
    where: { batch: { runId }, labels: { some: {} } },
    orderBy: [{ batch: { createdAt: "asc" } }, { rank: "asc" }],
    select: {
      id: true, sequenceId: true, start: true, end: true, resolvedLabelId: true,
      labels: { orderBy: { createdAt: "asc" }, select: labelFields },
    },
  });
  return rows.map((q) => ({
    queryId: q.id, sequenceId: q.sequenceId, start: q.start, end: q.end, resolvedLabelId: q.resolvedLabelId,
    labels: q.labels.map((l) => view(l)),
  }));
}

export type LabellingRun = {
  samplingRate: number;
  channelNames: string[];
  unsupervised: number | null;
  /** The stored refined threshold, shown until the labels are loaded and it is recomputed. */
  refined: ThresholdState | null;
};

/** What the labelling page needs of each run in an expert's queue. */
export async function labellingRuns(runIds: string[]): Promise<Record<string, LabellingRun>> {
  const out: Record<string, LabellingRun> = {};
  for (const id of [...new Set(runIds)]) {
    const run = await db.detectorRun.findUniqueOrThrow({ where: { id }, select: { threshold: true, dataset: { select: { samplingRate: true, channelNames: true } } } });
    const t = await currentThresholds(id);
    const refined: ThresholdState | null = t.refined
      ? {
          source: "refined", value: t.refined.value, f1: t.refined.f1, precision: t.refined.precision, recall: t.refined.recall, labelCount: t.refined.labelCount,
          anomalousCount: 0, reason: null, placement: null, interval: null, bounds: null, normalAlarmShare: null, warning: null,
        }
      : null;
    out[id] = {
      samplingRate: run.dataset.samplingRate,
      channelNames: z.array(z.string()).parse(run.dataset.channelNames),
      unsupervised: t.unsupervised?.value ?? run.threshold,
      refined,
    };
  }
  return out;
}

/** Sets the label that counts for a query (an admin's resolution); it must be one of the query's labels. */
export async function resolveQuery(queryId: string, labelId: string | null): Promise<{ id: string; resolvedLabelId: string | null }> {
  const query = await db.query.findUnique({ where: { id: queryId }, select: { id: true } });
  if (!query) throw new AppError("not_found", "No such query.");
  if (labelId !== null) {
    const label = await db.label.findUnique({ where: { id: labelId }, select: { queryId: true } });
    if (!label) throw new AppError("conflict", "That label no longer exists (undone?): reload and choose again.");
    if (label.queryId !== queryId) throw new AppError("invalid", "That label belongs to another query.");
  }
  return db.query.update({ where: { id: queryId }, data: { resolvedLabelId: labelId }, select: { id: true, resolvedLabelId: true } });
}

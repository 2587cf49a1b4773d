import "server-only";
import { AppError } from "../errors";
import type { RunStatus, UpdateRunInput } from "../validations/run";
import { sparkPoints } from "../runs/explorer";
import { encodeFloat32 } from "../series/chunks";
import { assertRefinable, inheritLabelThreshold } from "./refine";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";

/** A running run whose browser has not been heard from for this long was closed mid-run. */
export const HEARTBEAT_TIMEOUT_MS = 45_000;

const runFields = {
  id: true,
  datasetId: true,
  detector: true,
  config: true,
  backend: true,
  backendReason: true,
  status: true,
  metrics: true,
  threshold: true,
  error: true,
  heartbeatAt: true,
  parentRunId: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  createdBy: { select: { name: true } },
  _count: { select: { scores: true } },
} as const satisfies Prisma.DetectorRunSelect;

export type RunRow = Prisma.DetectorRunGetPayload<{ select: typeof runFields }>;

/** Marks runs whose tab went away (no heartbeat) as interrupted, so that none stays "running" forever. */
async function expireStaleRuns(where: Prisma.DetectorRunWhereInput): Promise<void> {
  await db.detectorRun.updateMany({
    where: { ...where, status: "running", heartbeatAt: { lt: new Date(Date.now() - HEARTBEAT_TIMEOUT_MS) } },
    data: { status: "interrupted", finishedAt: new Date(), error: "The browser running it stopped answering (tab closed or reloaded)." },
  });
}

export async function createRun(input: {
  datasetId: string;
  detector: string;
  config: Prisma.InputJsonValue;
  userId: string;
  parentRunId?: string;
}): Promise<RunRow> {
  const dataset = await db.dataset.findUnique({ where: { id: input.datasetId }, select: { id: true } });
  if (!dataset) throw new AppError("not_found", "No such dataset.");
  if (input.parentRunId !== undefined) await assertRefinable(input.parentRunId, input.datasetId, input.detector);
  const now = new Date();
  return db.detectorRun.create({
    data: {
      datasetId: input.datasetId,
      detector: input.detector,
      config: input.config,
      status: "running",
      startedAt: now,
      heartbeatAt: now,
      createdById: input.userId,
      parentRunId: input.parentRunId ?? null,
    },
    select: runFields,
  });
}

export async function listRuns(datasetId: string): Promise<RunRow[]> {
  await expireStaleRuns({ datasetId });
  return db.detectorRun.findMany({ where: { datasetId }, orderBy: { createdAt: "desc" }, select: runFields });
}

export async function getRun(id: string): Promise<RunRow> {
  await expireStaleRuns({ id });
  const run = await db.detectorRun.findUnique({ where: { id }, select: runFields });
  if (!run) throw new AppError("not_found", "No such run.");
  return run;
}

async function requireRunning(id: string): Promise<RunRow> {
  const run = await getRun(id);
  if (run.status !== "running") {
    throw new AppError("conflict", `This run is ${run.status}; it can no longer be changed.`);
  }
  return run;
}

/** Progress, backend, heartbeat and the final status, from the browser that runs the training. */
export async function updateRun(id: string, patch: UpdateRunInput): Promise<RunRow> {
  const run = await requireRunning(id);
  const finished = patch.status !== undefined;
  if (patch.status === "complete") {
    if (patch.threshold === undefined) throw new AppError("invalid", "A complete run needs its unsupervised threshold.");
    const sequences = await db.sequence.count({ where: { dataset: { runs: { some: { id } } } } });
    if (run._count.scores < sequences) {
      throw new AppError("conflict", `Only ${run._count.scores} of ${sequences} sequences are scored.`);
    }
  }
  const metrics = {
    ...(run.metrics as Prisma.JsonObject | null),
    ...(patch.epochs ? { epochs: patch.epochs } : {}),
    ...(patch.bestEpoch !== undefined ? { bestEpoch: patch.bestEpoch } : {}),
  };
  return db.$transaction(async (tx) => {
    const updated = await tx.detectorRun.update({
      where: { id },
      data: {
        heartbeatAt: new Date(),
        metrics,
        ...(patch.backend ? { backend: patch.backend, backendReason: patch.backendReason ?? null } : {}),
        ...(patch.error ? { error: patch.error } : {}),
        ...(patch.threshold !== undefined ? { threshold: patch.threshold } : {}),
        ...(finished ? { status: patch.status as RunStatus, finishedAt: new Date() } : {}),
      },
      select: runFields,
    });
    if (patch.status === "complete" && patch.threshold !== undefined) {
      await tx.threshold.create({ data: { runId: id, value: patch.threshold, kind: "unsupervised" } });
      // A refinement inherits its parent's labels: they belong to the data (lib/server/refine.ts).
      if (updated.parentRunId) await inheritLabelThreshold(tx, id, updated.parentRunId);
    }
    return updated;
  });
}

export async function saveWeights(id: string, spec: Prisma.InputJsonValue, weights: Uint8Array<ArrayBuffer>): Promise<void> {
  await requireRunning(id);
  await db.detectorRun.update({ where: { id }, data: { weightsSpec: spec, weights, heartbeatAt: new Date() } });
}

export async function getWeights(id: string): Promise<{ spec: Prisma.JsonValue; weights: Uint8Array } | null> {
  const run = await db.detectorRun.findUnique({ where: { id }, select: { weightsSpec: true, weights: true } });
  if (!run) throw new AppError("not_found", "No such run.");
  return run.weights && run.weightsSpec ? { spec: run.weightsSpec, weights: run.weights } : null;
}

export type ScoreRow = {
  sequenceId: string;
  length: number;
  data: Uint8Array<ArrayBuffer>;
  channelData: Uint8Array<ArrayBuffer>;
  max: number;
};

/** A sequence's scores as stored: the score per step, the channels' scores one channel after another, and the highest score. */
export function scoreRow(sequenceId: string, score: Float32Array, channelScores: Float32Array): ScoreRow {
  let max = -Infinity;
  for (const v of score) if (v > max) max = v;
  return { sequenceId, length: score.length, data: encodeFloat32(score), channelData: encodeFloat32(channelScores), max };
}

/** Every sequence's scores of a run nothing else has written to yet (the demo seed's), in one statement. */
export async function saveAllScores(runId: string, rows: ScoreRow[]): Promise<void> {
  await requireRunning(runId);
  await db.score.createMany({ data: rows.map((r) => ({ runId, ...r })) });
}

export async function saveScores(runId: string, input: ScoreRow): Promise<void> {
  const run = await requireRunning(runId);
  const sequence = await db.sequence.findFirst({
    where: { id: input.sequenceId, datasetId: run.datasetId },
    select: { length: true },
  });
  if (!sequence) throw new AppError("not_found", "That sequence is not in this run's dataset.");
  if (sequence.length !== input.length) {
    throw new AppError("invalid", `Scores have ${input.length} steps; the sequence has ${sequence.length}.`);
  }
  const row = { length: input.length, data: input.data, channelData: input.channelData, max: input.max };
  await db.$transaction([
    db.score.upsert({
      where: { runId_sequenceId: { runId, sequenceId: input.sequenceId } },
      create: { runId, sequenceId: input.sequenceId, ...row },
      // New scores: counterfactuals cached for the old ones no longer apply.
      update: { ...row, counterfactuals: Prisma.DbNull },
    }),
    db.detectorRun.update({ where: { id: runId }, data: { heartbeatAt: new Date() } }),
  ]);
}

export async function getScores(runId: string, sequenceId: string): Promise<{ length: number; data: Uint8Array; max: number } | null> {
  return db.score.findUnique({
    where: { runId_sequenceId: { runId, sequenceId } },
    select: { length: true, data: true, max: true },
  });
}

/** One sequence's per-channel scores (float32, channel-major: channel c's step t at c·length + t); null data when the run stored none. */
export async function getChannelScores(
  runId: string,
  sequenceId: string,
): Promise<{ length: number; channelData: Uint8Array | null } | null> {
  return db.score.findUnique({
    where: { runId_sequenceId: { runId, sequenceId } },
    select: { length: true, channelData: true },
  });
}

export type ScoredSequence = { sequenceId: string; name: string; index: number; split: string; length: number; max: number };

export async function listRunScores(runId: string): Promise<ScoredSequence[]> {
  const rows = await db.score.findMany({
    where: { runId },
    select: { max: true, length: true, sequence: { select: { id: true, name: true, index: true, split: true } } },
    orderBy: { sequence: { index: "asc" } },
  });
  return rows.map((r) => ({
    sequenceId: r.sequence.id,
    name: r.sequence.name,
    index: r.sequence.index,
    split: r.sequence.split,
    length: r.length,
    max: r.max,
  }));
}

/** A stored float32 score as numbers (copied: the bytes need not be 4-byte aligned). */
export function scoreValues(data: Uint8Array, length: number): Float32Array {
  return new Float32Array(data.slice(0, length * 4).buffer);
}

/** Every scored sequence of a run with its score max-pooled to `points` points, for the score explorer's small plots. */
export async function runSparklines(runId: string, points: number): Promise<Map<string, number[]>> {
  const rows = await db.score.findMany({ where: { runId }, select: { sequenceId: true, length: true, data: true } });
  return new Map(rows.map((r) => [r.sequenceId, sparkPoints(scoreValues(r.data, r.length), points)]));
}

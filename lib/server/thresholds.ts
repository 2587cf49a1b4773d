import "server-only";
import { AppError } from "../errors";
import { thresholdFromLabels, toLabelledCandidates, type LabelledQuery } from "../labelling/labels";
import { decodeFloat32 } from "../series/chunks";
import { unlabelledPeaks } from "../query/pool-peaks";
import { DEFAULT_OBJECTIVE, DEFAULT_PLACEMENT, isPlacement } from "../threshold";
import { countingLabels, isThresholdKind, thresholdRecord, type CurrentThresholds, type ThresholdView } from "../threshold/view";
import { thresholdDetailSchema, type ManualThresholdInput, type ThresholdPageQuery } from "../validations/threshold";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { runPool } from "./query-pool";
import { readScoreBytes } from "./series-store";

/**
 * A run's thresholds, owned by the server (the kinds and which is current: lib/threshold/view.ts).
 * Every change that moves them — a label, an undo, a resolution, a manual threshold — runs in one
 * transaction per run (`inRunTransaction`) whose first write bumps the run's thresholdVersion: that
 * row lock (PostgreSQL) or write lock (SQLite) makes concurrent changes to one run wait for each
 * other, so the refined threshold recomputed after the change always sees every label committed
 * before it, and rows are ordered by the version they were stored at.
 */
export type Tx = Prisma.TransactionClient;

const thresholdFields = {
  id: true,
  runId: true,
  kind: true,
  value: true,
  f1: true,
  precision: true,
  recall: true,
  labelCount: true,
  anomalousCount: true,
  placement: true,
  lower: true,
  upper: true,
  normalAlarmShare: true,
  warning: true,
  reason: true,
  detail: true,
  version: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const satisfies Prisma.ThresholdSelect;

type ThresholdRow = Prisma.ThresholdGetPayload<{ select: typeof thresholdFields }>;

const newestFirst = [
  { version: "desc" },
  { createdAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.ThresholdOrderByWithRelationInput[];

function view(row: ThresholdRow): ThresholdView {
  const detail = row.detail === null ? null : thresholdDetailSchema.safeParse(row.detail);
  const kind = isThresholdKind(row.kind) ? row.kind : "unsupervised";
  return {
    id: row.id,
    runId: row.runId,
    kind,
    value: row.value,
    f1: row.f1,
    precision: row.precision,
    recall: row.recall,
    labelCount: row.labelCount,
    anomalousCount: row.anomalousCount,
    placement: row.placement !== null && isPlacement(row.placement) ? row.placement : null,
    interval: row.upper === null ? null : { lower: row.lower, upper: row.upper },
    bounds: detail?.success ? detail.data.bounds : null,
    normalAlarmShare: row.normalAlarmShare,
    warning: row.warning,
    reason: row.reason,
    labelIds: detail?.success ? detail.data.labelIds : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
  };
}

/** Interactive transactions wait for each other per run here; give them room on a busy machine. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * Runs `fn` in a transaction that first bumps the run's thresholdVersion, holding the run until it
 * commits; `fn` gets the new version. 404 for an unknown run.
 */
export async function inRunTransaction<T>(runId: string, fn: (tx: Tx, version: number) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const run = await tx.detectorRun
      .update({ where: { id: runId }, data: { thresholdVersion: { increment: 1 } }, select: { thresholdVersion: true } })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025")
          throw new AppError("not_found", "No such run.");
        throw error;
      });
    return fn(tx, run.thresholdVersion);
  }, TRANSACTION_OPTIONS);
}

/** The scores of the given sequences in a run, decoded (read through the driver: Prisma's Bytes are slow for large blobs). */
async function runScores(runId: string, sequenceIds: readonly string[]): Promise<Map<string, Float32Array>> {
  const ids = [...new Set(sequenceIds)];
  const bytes = await Promise.all(ids.map((id) => readScoreBytes(runId, id)));
  const scores = new Map<string, Float32Array>();
  ids.forEach((id, i) => {
    const b = bytes[i];
    if (b) scores.set(id, decodeFloat32(b));
  });
  return scores;
}

/**
 * Recomputes the threshold the labels lead to (thresholdFromLabels over `queries`, every labelled
 * query of the run as the transaction sees them, weighed against the unlabelled candidates of the
 * run's query pool) and stores it: "refined", or "withdrawn" when the labels no longer refine it. Call inside inRunTransaction after the label change. Null for a run
 * that is not complete or has no value to store.
 */
export async function storeLabelThreshold(
  tx: Tx,
  input: { runId: string; version: number; userId: string; queries: readonly LabelledQuery[] },
): Promise<ThresholdView | null> {
  const { runId, version, userId, queries } = input;
  const run = await tx.detectorRun.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, threshold: true, dataset: { select: { samplingRate: true } } },
  });
  if (run.status !== "complete") return null;
  const own = await tx.threshold.findFirst({ where: { runId, kind: "unsupervised" }, orderBy: newestFirst, select: { value: true } });
  const scores = await runScores(
    runId,
    queries.map((q) => q.sequenceId),
  );
  const { candidates, sources, missing } = toLabelledCandidates(queries, scores);
  // A complete run has every sequence of its dataset scored (updateRun checks); anything else is a broken run.
  if (missing.length > 0) throw new Error(`Run ${runId} has no scores for ${[...new Set(missing)].join(", ")}.`);
  const pool = await runPool(runId, tx);
  const state = thresholdFromLabels(candidates, own?.value ?? run.threshold, run.dataset.samplingRate, DEFAULT_PLACEMENT, {
    objective: DEFAULT_OBJECTIVE,
    unlabelledPeaks: pool
      ? unlabelledPeaks(
          pool.peaks,
          sources.map((s) => s.query),
        )
      : [],
  });
  const record = thresholdRecord(state, countingLabels(queries));
  if (!record) return null;
  const { detail, ...fields } = record;
  const row = await tx.threshold.create({ data: { runId, version, createdById: userId, ...fields, detail }, select: thresholdFields });
  return view(row);
}

/** The run's own, the labels' latest (refined or withdrawn) and the manual one while set. */
export async function currentThresholds(runId: string, client: Tx = db): Promise<CurrentThresholds> {
  const latest = async (kinds: string[]) => {
    const row = await client.threshold.findFirst({ where: { runId, kind: { in: kinds } }, orderBy: newestFirst, select: thresholdFields });
    return row ? view(row) : null;
  };
  const [unsupervised, fromLabels, manual] = await Promise.all([
    latest(["unsupervised"]),
    latest(["refined", "withdrawn"]),
    latest(["manual", "cleared"]),
  ]);
  return { unsupervised, fromLabels, manual: manual?.kind === "manual" ? manual : null };
}

/** The labels' latest stored threshold (refined or withdrawn), or null. */
export async function labelThreshold(runId: string): Promise<ThresholdView | null> {
  return (await currentThresholds(runId)).fromLabels;
}

/**
 * An admin sets the run's manual threshold, or clears it (value null), with a reason; only on a
 * complete run. It stays in effect until cleared; the labels' threshold is still recomputed meanwhile.
 */
export async function setManualThreshold(runId: string, input: ManualThresholdInput, user: CurrentUser): Promise<CurrentThresholds> {
  return inRunTransaction(runId, async (tx, version) => {
    const run = await tx.detectorRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status !== "complete") throw new AppError("conflict", `Thresholds need a complete run; this one is ${run.status}.`);
    const current = await currentThresholds(runId, tx);
    if (input.value === null) {
      if (!current.manual) throw new AppError("conflict", "This run has no manual threshold to clear.");
      await tx.threshold.create({
        data: { runId, version, kind: "cleared", value: current.manual.value, reason: input.reason, createdById: user.id },
      });
    } else {
      await tx.threshold.create({
        data: { runId, version, kind: "manual", value: input.value, reason: input.reason, createdById: user.id },
      });
    }
    return currentThresholds(runId, tx);
  });
}

/**
 * A run's thresholds, newest first, a page at a time: `next` is the id to pass as `after` for the
 * following (older) page, null on the last page. A stale or unknown `after` is a 400, not an empty page.
 */
export async function listThresholds(
  runId: string,
  page: ThresholdPageQuery,
): Promise<{ thresholds: ThresholdView[]; next: string | null }> {
  if (page.after !== undefined && (await db.threshold.count({ where: { id: page.after, runId } })) === 0) {
    throw new AppError("bad_request", "`after` is not a threshold of this run; start again from the first page.");
  }
  const rows = await db.threshold.findMany({
    where: { runId },
    orderBy: newestFirst,
    take: page.limit + 1,
    ...(page.after !== undefined ? { cursor: { id: page.after }, skip: 1 } : {}),
    select: thresholdFields,
  });
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { thresholds: shown.map(view), next: more ? (shown.at(-1)?.id ?? null) : null };
}

/** Every threshold of a run, oldest first (by version), for the exports. */
export async function allThresholds(runId: string): Promise<ThresholdView[]> {
  const rows = await db.threshold.findMany({
    where: { runId },
    orderBy: [{ version: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: thresholdFields,
  });
  return rows.map(view);
}

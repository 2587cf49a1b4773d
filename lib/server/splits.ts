import "server-only";
import { AppError } from "../errors";
import { SPLITS, type Split } from "../series/types";
import { applySplitChanges, type SplitChange } from "../splits/changes";
import { ratioNotes } from "../splits/ratio-notes";
import type { SplitWarning } from "../splits/warnings";
import { readImportSplitInfo, splitSchema } from "../validations/split";
import { db } from "./db";
import { recomputeTrainingSummary } from "./split-stats";

/**
 * A dataset's splits after the import: what the editor on the dataset page needs (units, whether the
 * splits are locked, the import's notes on its ratios), and the edit itself. Splits are locked once
 * the dataset has a detector run, whatever its status, so that every run's scores, thresholds and
 * evaluations refer to one split. A change of the training split recomputes the training statistics,
 * the window size and every max |z| (lib/server/split-stats.ts) in the same transaction as the splits.
 */
export function lockMessage(runs: number): string {
  return `The splits are locked: this dataset has ${runs === 1 ? "a detector run" : `${runs} detector runs`}, and its scores, thresholds and evaluations refer to the current split. Import the data again as a new dataset to split it differently.`;
}

export type SplitContext = {
  /** Detector runs of the dataset; the splits are locked when there is any. */
  runs: number;
  /** Unit of each sequence by index, or null when the import had no unit column. */
  units: (string | null)[] | null;
  /** The import's notes on ratios it could not meet as asked; empty once an admin has edited the splits. */
  notes: SplitWarning[];
};

export async function getSplitContext(datasetId: string): Promise<SplitContext> {
  const dataset = await db.dataset.findUnique({
    where: { id: datasetId },
    select: { sequenceCount: true, importConfig: true, _count: { select: { runs: true } } },
  });
  if (!dataset) throw new AppError("not_found", "No such dataset.");
  const info = readImportSplitInfo(dataset.importConfig);
  const ratios = info.mapping?.split ?? info.splitRatios;
  const notes = ratios && !info.splitsEdited && info.splitMethod !== "column" ? ratioNotes(dataset.sequenceCount, ratios) : [];
  return { runs: dataset._count.runs, units: info.units ?? null, notes };
}

export type SplitEditResult = {
  sequences: { id: string; split: Split }[];
  /** Sequences whose split changed. */
  changed: number;
  /** Whether the training split changed, so that its statistics and the window size were recomputed. */
  recomputed: boolean;
  windowSize: number | null;
};

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Applies an admin's split changes; 404 no dataset, 409 locked or changed meanwhile, 422 a change that is not allowed. */
export async function updateSplits(datasetId: string, changes: SplitChange[], userId: string): Promise<SplitEditResult> {
  const dataset = await db.dataset.findUnique({
    where: { id: datasetId },
    select: { channelCount: true, windowSize: true, importConfig: true, _count: { select: { runs: true } } },
  });
  if (!dataset) throw new AppError("not_found", "No such dataset.");
  if (dataset._count.runs > 0) throw new AppError("conflict", lockMessage(dataset._count.runs));
  const rows = await db.sequence.findMany({
    where: { datasetId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, split: true, length: true },
  });
  const units = readImportSplitInfo(dataset.importConfig).units;
  const sequences = rows.map((r) => ({ id: r.id, length: r.length, split: splitSchema.parse(r.split), unit: units?.[r.index] ?? null }));
  const applied = applySplitChanges(sequences, changes);
  if (!applied.ok) throw new AppError("invalid", applied.message, { problem: applied.problem });
  const result = (windowSize: number | null, recomputed: boolean): SplitEditResult => ({
    sequences: sequences.map((s) => ({ id: s.id, split: applied.splits.get(s.id) ?? s.split })),
    changed: applied.changed.length,
    recomputed,
    windowSize,
  });
  if (applied.changed.length === 0) return result(dataset.windowSize, false);

  const summary = applied.trainChanged ? await recomputeTrainingSummary(dataset.channelCount, sequences, applied.splits) : null;
  await db.$transaction(
    async (tx) => {
      const runs = await tx.detectorRun.count({ where: { datasetId } });
      if (runs > 0) throw new AppError("conflict", lockMessage(runs));
      const now = await tx.sequence.findMany({ where: { datasetId }, select: { id: true, split: true } });
      const before = new Map(sequences.map((s) => [s.id, s.split as string]));
      if (now.length !== sequences.length || now.some((s) => before.get(s.id) !== s.split)) {
        throw new AppError("conflict", "The splits were changed meanwhile; reload the page and make your change again.");
      }
      for (const split of SPLITS) {
        const ids = applied.changed.filter((c) => c.split === split).map((c) => c.sequenceId);
        if (ids.length > 0) await tx.sequence.updateMany({ where: { datasetId, id: { in: ids } }, data: { split } });
      }
      if (summary)
        for (const [id, maxAbsZ] of summary.maxAbsZ) await tx.sequence.update({ where: { id }, data: { maxAbsZ }, select: { id: true } });
      const config = asObject(dataset.importConfig);
      await tx.dataset.update({
        where: { id: datasetId },
        data: {
          ...(summary ? { trainStats: summary.trainStats, windowSize: summary.window.windowSize } : {}),
          importConfig: {
            ...config,
            ...(summary
              ? { window: { ...asObject(config.window), rawLag: summary.window.rawLag, perChannel: summary.window.perChannel } }
              : {}),
            splitsEdited: { at: new Date().toISOString(), by: userId, sequences: applied.changed.length },
          },
        },
        select: { id: true },
      });
    },
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
  return result(summary ? summary.window.windowSize : dataset.windowSize, summary !== null);
}

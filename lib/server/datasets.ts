import "server-only";
import { z } from "zod";
import { summariseDataset } from "../dataset-summary";
import { AppError } from "../errors";
import type { Role } from "../roles";
import { encodeChunks } from "../series/chunks";
import type { SequenceSeries, Split } from "../series/types";
import { visibleDatasets } from "./access";
import { db } from "./db";

export type NewSequence = SequenceSeries & { split: Split; anomalyKind?: string | null; startTime?: number | null };

export type NewDataset = {
  name: string;
  description?: string;
  samplingRate: number;
  channelNames: string[];
  /** Each channel's unit of measure, in channelNames' order (null for none); omitted when none is known. */
  channelUnits?: (string | null)[] | null;
  sequences: NewSequence[];
  importConfig?: Record<string, unknown>;
  createdById?: string | null;
};

function firstOnset(labels: Uint8Array): number | null {
  const i = labels.indexOf(1);
  return i < 0 ? null : i;
}

/** Chunks written per statement, so that a long sequence does not become one huge INSERT. */
const CHUNKS_PER_INSERT = 16;

export type StoreOptions = {
  /** Called after each sequence is written, with how many of how many are stored. */
  onProgress?: (stored: number, total: number) => void;
};

/**
 * Stores a whole dataset in one transaction: all of it or nothing. Series go in as float32 chunks,
 * ground truth in its own table.
 */
export async function storeDataset(input: NewDataset, options: StoreOptions = {}): Promise<{ id: string }> {
  const channelCount = input.channelNames.length;
  const summary = summariseDataset(input.sequences, channelCount);
  const totalSteps = input.sequences.reduce((n, s) => n + (s.columns[0]?.length ?? 0), 0);
  const hasGroundTruth = input.sequences.some((s) => s.labels !== undefined);
  return db.$transaction(
    async (tx) => {
      if (await tx.dataset.findUnique({ where: { name: input.name }, select: { id: true } })) {
        throw new AppError("conflict", `A dataset named "${input.name}" already exists.`);
      }
      const dataset = await tx.dataset.create({
        data: {
          name: input.name,
          description: input.description ?? "",
          samplingRate: input.samplingRate,
          channelNames: input.channelNames,
          ...(input.channelUnits?.some((u) => u !== null) ? { channelUnits: input.channelUnits } : {}),
          channelCount,
          sequenceCount: input.sequences.length,
          totalSteps,
          sizeBytes: totalSteps * channelCount * 4,
          hasGroundTruth,
          trainStats: summary.trainStats,
          windowSize: summary.window.windowSize,
          importConfig: { ...input.importConfig, window: { rawLag: summary.window.rawLag, perChannel: summary.window.perChannel } },
          createdById: input.createdById ?? null,
        },
        select: { id: true },
      });
      for (const [index, s] of input.sequences.entries()) {
        const sequence = await tx.sequence.create({
          data: {
            datasetId: dataset.id,
            index,
            name: s.name,
            split: s.split,
            length: s.columns[0]?.length ?? 0,
            samplingRate: input.samplingRate,
            channelNames: input.channelNames,
            stats: summary.sequenceStats[index] ?? {},
            maxAbsZ: summary.maxAbsZ[index] ?? null,
            startTime: s.startTime ?? null,
          },
          select: { id: true },
        });
        const chunks = encodeChunks(s.columns);
        for (let i = 0; i < chunks.length; i += CHUNKS_PER_INSERT) {
          await tx.seriesChunk.createMany({
            data: chunks.slice(i, i + CHUNKS_PER_INSERT).map((c) => ({ sequenceId: sequence.id, ...c })),
          });
        }
        if (s.labels) {
          const onset = firstOnset(s.labels);
          await tx.groundTruth.create({
            data: {
              sequenceId: sequence.id,
              labels: new Uint8Array(s.labels),
              anomalous: onset !== null,
              onset,
              kind: s.anomalyKind ?? null,
            },
          });
        }
        options.onProgress?.(index + 1, input.sequences.length);
      }
      return dataset;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

export const channelNamesSchema = z.array(z.string());

export type DatasetListItem = {
  id: string;
  name: string;
  description: string;
  samplingRate: number;
  channelNames: string[];
  sequenceCount: number;
  totalSteps: number;
  sizeBytes: number;
  hasGroundTruth: boolean;
  windowSize: number | null;
  createdAt: string;
  splits: Record<Split, number>;
};

/** Datasets a user may see: all for admins and analysts, the assigned ones for experts. */
export async function listDatasets(user: { id: string; role: Role }): Promise<DatasetListItem[]> {
  const rows = await db.dataset.findMany({
    where: visibleDatasets(user),
    orderBy: { createdAt: "desc" },
  });
  const splitRows = await db.sequence.groupBy({
    by: ["datasetId", "split"],
    where: { datasetId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  return rows.map((r) => {
    const splits: Record<Split, number> = { train: 0, validation: 0, test: 0 };
    for (const s of splitRows) if (s.datasetId === r.id) splits[s.split as Split] = s._count._all;
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      samplingRate: r.samplingRate,
      channelNames: channelNamesSchema.parse(r.channelNames),
      sequenceCount: r.sequenceCount,
      totalSteps: r.totalSteps,
      sizeBytes: r.sizeBytes,
      hasGroundTruth: r.hasGroundTruth,
      windowSize: r.windowSize,
      createdAt: r.createdAt.toISOString(),
      splits,
    };
  });
}

export type SequenceListItem = {
  id: string;
  index: number;
  name: string;
  split: string;
  length: number;
  maxAbsZ: number | null;
  /** Present only for roles that may see ground truth. */
  groundTruth?: { anomalous: boolean; onset: number | null; kind: string | null } | null;
};

export async function getDatasetDetail(
  id: string,
  user: { id: string; role: Role },
  withGroundTruth: boolean,
): Promise<{ dataset: DatasetListItem; sequences: SequenceListItem[] }> {
  const [dataset] = (await listDatasets(user)).filter((d) => d.id === id);
  if (!dataset) throw new AppError("not_found", "No such dataset, or it is not assigned to you.");
  const rows = await db.sequence.findMany({
    where: { datasetId: id },
    orderBy: { index: "asc" },
    select: {
      id: true,
      index: true,
      name: true,
      split: true,
      length: true,
      maxAbsZ: true,
      groundTruth: withGroundTruth ? { select: { anomalous: true, onset: true, kind: true } } : false,
    },
  });
  const sequences = rows.map(({ groundTruth, ...s }) => (withGroundTruth ? { ...s, groundTruth: groundTruth ?? null } : s));
  return { dataset, sequences };
}

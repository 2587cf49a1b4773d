import "server-only";
import { AppError } from "../errors";
import { decodeRange, type StoredChunk } from "../series/chunks";
import type { SeriesColumns } from "../series/types";
import { db } from "./db";

const chunkFields = { select: { start: true, length: true, data: true } } as const;

function wholeColumns(length: number, chunks: StoredChunk[], channelCount: number): SeriesColumns {
  const channels = Array.from({ length: channelCount }, (_, c) => c);
  return decodeRange(chunks, channelCount, channels, 0, length);
}

/** All channels of a whole stored sequence. */
export async function readSequence(datasetId: string, sequenceId: string): Promise<{ length: number; columns: SeriesColumns }> {
  const sequence = await db.sequence.findFirst({
    where: { id: sequenceId, datasetId },
    select: { length: true, dataset: { select: { channelCount: true } }, chunks: chunkFields },
  });
  if (!sequence) throw new AppError("not_found", "No such sequence in this dataset.");
  return { length: sequence.length, columns: wholeColumns(sequence.length, sequence.chunks, sequence.dataset.channelCount) };
}

/** Every sequence of a dataset, whole, in index order, read in one query (the demo seed's run). */
export async function readAllSequences(datasetId: string): Promise<{ id: string; split: string; columns: SeriesColumns }[]> {
  const { channelCount } = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { channelCount: true } });
  const sequences = await db.sequence.findMany({
    where: { datasetId },
    orderBy: { index: "asc" },
    select: { id: true, split: true, length: true, chunks: chunkFields },
  });
  return sequences.map((s) => ({ id: s.id, split: s.split, columns: wholeColumns(s.length, s.chunks, channelCount) }));
}

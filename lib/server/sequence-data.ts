import "server-only";
import { AppError } from "../errors";
import { decodeRange } from "../series/chunks";
import type { SeriesColumns } from "../series/types";
import { db } from "./db";

/** All channels of a whole stored sequence. */
export async function readSequence(datasetId: string, sequenceId: string): Promise<{ length: number; columns: SeriesColumns }> {
  const sequence = await db.sequence.findFirst({
    where: { id: sequenceId, datasetId },
    select: { length: true, dataset: { select: { channelCount: true } }, chunks: { select: { start: true, length: true, data: true } } },
  });
  if (!sequence) throw new AppError("not_found", "No such sequence in this dataset.");
  const channels = Array.from({ length: sequence.dataset.channelCount }, (_, c) => c);
  return { length: sequence.length, columns: decodeRange(sequence.chunks, channels.length, channels, 0, sequence.length) };
}

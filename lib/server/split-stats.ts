import "server-only";
import { maxAbsZOf, summariseTraining } from "../dataset-summary";
import type { ChannelSummary, WindowSizeResult } from "../preprocess";
import { decodeRange } from "../series/chunks";
import type { SeriesColumns, Split } from "../series/types";
import { readChunkRows } from "./series-store";

/**
 * What a dataset derives from its training split — the z-score statistics (training split only),
 * the window size from the ACF of the training data, each sequence's max |z| — computed again from
 * the stored series once the training split has changed, with the same functions as the import
 * (lib/dataset-summary.ts), so that a run z-scores with statistics of the sequences it trains on.
 */
export type StoredSequence = { id: string; length: number };

export type RecomputedSummary = { trainStats: ChannelSummary; window: WindowSizeResult; maxAbsZ: Map<string, number> };

async function readColumns(sequence: StoredSequence, channelCount: number): Promise<SeriesColumns> {
  const rows = await readChunkRows(sequence.id, 0, sequence.length);
  const channels = Array.from({ length: channelCount }, (_, c) => c);
  return decodeRange(rows, channelCount, channels, 0, sequence.length);
}

/**
 * The training summary for the splits `splits` (by sequence id). The training sequences are held in
 * memory together (as at import); the others are read one at a time for their max |z|.
 */
export async function recomputeTrainingSummary(
  channelCount: number,
  sequences: readonly StoredSequence[],
  splits: ReadonlyMap<string, Split>,
): Promise<RecomputedSummary> {
  const train = new Map<string, SeriesColumns>();
  for (const s of sequences) if (splits.get(s.id) === "train") train.set(s.id, await readColumns(s, channelCount));
  const { trainStats, window } = summariseTraining([...train.values()], channelCount);
  const maxAbsZ = new Map<string, number>();
  for (const s of sequences) {
    const columns = train.get(s.id) ?? (await readColumns(s, channelCount));
    train.delete(s.id);
    maxAbsZ.set(s.id, maxAbsZOf(columns, trainStats));
  }
  return { trainStats, window, maxAbsZ };
}

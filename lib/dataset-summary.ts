/**
 * What a dataset stores about itself beside its series: per-sequence statistics, training-split
 * statistics (for z-scoring), max |z| per sequence and the window size from the ACF of the training
 * data. Pure, so the import on the server, a later change of the training split and the evaluation
 * harness compute the same numbers.
 */
import {
  createChannelStats,
  finishChannelStats,
  maxAbs,
  updateChannelStats,
  windowSizeFromAcf,
  zscore,
  type ChannelSummary,
  type WindowSizeResult,
} from "./preprocess";
import type { SeriesColumns, Split } from "./series/types";

export type SummarisedSequence = { columns: SeriesColumns; split: Split };

export type DatasetSummary = {
  trainStats: ChannelSummary;
  sequenceStats: ChannelSummary[];
  maxAbsZ: number[];
  window: WindowSizeResult;
};

export type TrainingSummary = { trainStats: ChannelSummary; window: WindowSizeResult };

/** Z-score statistics and window size from the training sequences (at least one). */
export function summariseTraining(train: SeriesColumns[], channelCount: number): TrainingSummary {
  if (train.length === 0) throw new RangeError("a dataset needs at least one training sequence");
  const running = createChannelStats(channelCount);
  for (const columns of train) updateChannelStats(running, columns);
  return { trainStats: finishChannelStats(running), window: windowSizeFromAcf(train) };
}

/** max |z| over the channels and steps of one sequence, z with the training statistics. */
export function maxAbsZOf(columns: SeriesColumns, trainStats: ChannelSummary): number {
  return Math.max(0, ...maxAbs(zscore(columns, trainStats)));
}

export function summariseDataset(sequences: SummarisedSequence[], channelCount: number): DatasetSummary {
  const { trainStats, window } = summariseTraining(
    sequences.filter((s) => s.split === "train").map((s) => s.columns),
    channelCount,
  );
  const sequenceStats = sequences.map((s) => finishChannelStats(updateChannelStats(createChannelStats(channelCount), s.columns)));
  const maxAbsZ = sequences.map((s) => maxAbsZOf(s.columns, trainStats));
  return { trainStats, sequenceStats, maxAbsZ, window };
}

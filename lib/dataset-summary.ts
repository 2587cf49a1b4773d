/**
 * What a dataset stores about itself beside its series: per-sequence statistics, training-split
 * statistics (for z-scoring), max |z| per sequence and the window size from the ACF of the training
 * data. Pure, so the import on the server and the evaluation harness compute the same numbers.
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
import type { SeriesColumns, Split } from "./series";

export type SummarisedSequence = { columns: SeriesColumns; split: Split };

export type DatasetSummary = {
  trainStats: ChannelSummary;
  sequenceStats: ChannelSummary[];
  maxAbsZ: number[];
  window: WindowSizeResult;
};

export function summariseDataset(sequences: SummarisedSequence[], channelCount: number): DatasetSummary {
  const train = sequences.filter((s) => s.split === "train");
  if (train.length === 0) throw new RangeError("a dataset needs at least one training sequence");
  const running = createChannelStats(channelCount);
  for (const s of train) updateChannelStats(running, s.columns);
  const trainStats = finishChannelStats(running);
  const sequenceStats = sequences.map((s) => finishChannelStats(updateChannelStats(createChannelStats(channelCount), s.columns)));
  const maxAbsZ = sequences.map((s) => Math.max(0, ...maxAbs(zscore(s.columns, trainStats))));
  const window = windowSizeFromAcf(train.map((s) => s.columns));
  return { trainStats, sequenceStats, maxAbsZ, window };
}

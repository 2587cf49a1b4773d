/**
 * Preprocessing (docs/algorithms.md §1): downsampling, z-score with training-split statistics,
 * window size from the autocorrelation of the training data, windowing and reverse windowing, and the
 * train / validation / test split. Pure: runs in a worker, on the server and in Node.
 */
export { PreprocessError, isPreprocessError, type PreprocessErrorCode } from "./errors";
export { downsampleByAveraging, downsampleFactor, downsampleLabels } from "./downsample";
export {
  createChannelStats,
  updateChannelStats,
  finishChannelStats,
  effectiveStd,
  zscore,
  maxAbs,
  type ChannelStats,
  type ChannelSummary,
  type ZScoreParams,
} from "./normalize";
export { fft, nextPowerOfTwo, isPowerOfTwo } from "./fft";
export { acf, bartlettHalfWidths, firstLagInsideBand, prefersFftAcf, Z_99, type AcfMethod, type BandTest } from "./acf";
export { windowSizeFromAcf, roundToPowerOfTwo, type PowerRounding, type WindowSizeOptions, type WindowSizeResult } from "./window-size";
export {
  SCORING_SHIFT,
  scoringStarts,
  scoringWindowCount,
  trainingShift,
  windowCount,
  windowStarts,
  extractWindows,
  reverseWindow,
  type ReverseMode,
} from "./windows";
export { assignSplits, largestRemainder, splitCounts, validateSplitRatios, type SplitCounts, type SplitRatios } from "./split";
export { anomalyCounts, assignStratifiedSplits } from "./split-stratified";
export { assignGroupedSplits, type SplitItem } from "./split-groups";
export { planSplits, type PlanItem, type SplitMethod, type SplitPlan } from "./split-plan";

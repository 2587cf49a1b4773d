export * from "./types";
export { DistanceCache, ScopedDistanceCaches } from "./distance-cache";
export { dqsStrategy, inlineExecutor, selectDqs, selectDqsWith } from "./dqs";
export { poolExecutor, type PairWorker, type PoolOptions } from "./pair-pool";
export { computePairs, PAIR_KIND, type PairExecutor, type PairRequests, type PairResults, type RowEstimates } from "./pair-work";
export { dqsNaive, type DistanceFn } from "./dqs-naive";
export type { DqsStats } from "./dqs-pairs";
export { scoreKmeansStrategy, selectScoreKmeans } from "./score-kmeans";
export { aloeKmeansStrategy, aloePosStrategy, kmeansProbabilities, selectAloeKmeans, selectAloePos } from "./aloe";
export { estimateContamination, type ContaminationDraw, type ContaminationEstimate } from "./contamination";
export { FEATURE_NAMES, scoreFeatures } from "./features";
export { randomStrategy, topStrategy, uncertainStrategy } from "./simple-strategies";
export { QUERY_STRATEGIES, STRATEGY_NAMES, getStrategy, isStrategyName } from "./strategies";
export { syntheticScores } from "./synthetic-scores";
export { DEFAULT_POOL_RULE, poolSequences, poolSplits, poolSplitsText, type PoolRule } from "./pool-rule";
export {
  countCandidates,
  detectorWindow,
  segmentSuggestion,
  suggestSegmentLength,
  type SegmentInput,
  type SegmentSuggestion,
} from "./segment-length";

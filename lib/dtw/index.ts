export * from "./types";
export { createDtwScratch, dtwDistance, dtwSquared, dtwSquaredInSpan, thresholdFor } from "./dtw";
export { dtwDistanceNaive } from "./dtw-naive";
export { dtwLowerBound, keoghEnvelope, lbKeogh, lbKim, lbRange, seriesRange, upperBoundPath, type Envelope } from "./bounds";
export { corridorUpperBound, corridorUpperBoundSquared, DEFAULT_CORRIDOR_FACTOR, paa, warpingPath, type CorridorOptions } from "./coarse";
export { bandSpan, resolveBand, type Band, type RowSpan } from "./band";

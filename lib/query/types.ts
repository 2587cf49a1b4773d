import { CodedError } from "../coded-error";
import type { DistanceCache } from "./distance-cache";
import type { StrategyName } from "./registry";

/** The anomaly-score series of one unit an expert may be shown (a whole sequence or a segment). */
export type Candidate = {
  key: string;
  scores: Float32Array;
  /** max(scores), when the caller already knows it; computed otherwise. */
  maxScore?: number;
  /** The detector's embedding of the unit (lib/detectors/embedding.ts); required by the ALOE strategies only. */
  embedding?: ArrayLike<number>;
};

export type QueryContext = {
  /** Units that may be offered. A candidate whose key is in `queried` is ignored. */
  candidates: Candidate[];
  /** Units queried before (never offered again); DQS measures dissimilarity against them. */
  queried: Candidate[];
  /** How many picks to return (min(budget, available) are returned). A non-negative integer. */
  budget: number;
  /** Seed of every random choice: same seed and inputs → same batch. */
  seed: number;
  /** Current threshold on the score; required by "uncertain", used by "score-kmeans" as a feature. */
  threshold?: number;
  /** Called as picks are made: (picks made so far, batch size). */
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps; an aborted signal ends `select` with a QueryError "aborted". */
  signal?: AbortSignal;
  /** Pairwise DTW distances kept between calls (e.g. by a worker between batches). */
  distance?: DistanceCache;
};

export type QueryPick = {
  key: string;
  /** 0-based position in the batch. */
  rank: number;
  /** A short human-readable why, e.g. "farthest from most similar (DTW 12.3)". */
  reason: string;
  /**
   * The probability this pick was drawn with among the candidates still open at its draw; 1 for a
   * deterministic pick. Set by strategies that know it (random, aloe-kmeans, aloe-pos); the
   * contamination estimate (lib/query/contamination.ts) weighs labels by it.
   */
  probability?: number;
};

export { EMBEDDING_STRATEGIES, STRATEGY_NAMES, type StrategyName } from "./registry";

export type QueryStrategy = {
  name: StrategyName;
  /** The picks in rank order: no queried key, no duplicate, min(budget, available) of them. */
  select(ctx: QueryContext): QueryPick[];
};

export type QueryErrorCode =
  | "invalid-budget"
  | "duplicate-key"
  | "missing-threshold"
  | "empty-series"
  | "non-finite-score"
  | "unknown-strategy"
  | "aborted"
  | "missing-embedding";

export class QueryError extends CodedError<QueryErrorCode> {
  override readonly name = "QueryError";
}

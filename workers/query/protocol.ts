/**
 * The query worker's protocol: `select` a batch with a strategy (ready → progress… → complete |
 * error), plus interrupt. Score series cross as Float32Arrays (copied: the page keeps its own).
 * The worker keeps its DTW distance cache between batches.
 */
import type { QueryPick, StrategyName } from "@/lib/query";

export type QueryCandidateData = { key: string; scores: Float32Array };

export type QueryRequest =
  | {
      type: "select";
      strategy: StrategyName;
      budget: number;
      seed: number;
      threshold?: number;
      candidates: QueryCandidateData[];
      queried: QueryCandidateData[];
    }
  | { type: "interrupt" };

export type QueryEvent =
  | { type: "ready" }
  | { type: "progress"; done: number; total: number }
  | { type: "complete"; picks: QueryPick[]; ms: number }
  | { type: "error"; code: string; message: string };

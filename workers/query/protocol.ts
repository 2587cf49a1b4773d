/**
 * The query worker's protocol: `select` a batch with a strategy (ready → progress… → complete |
 * error), plus interrupt. Score series cross as Float32Arrays (copied: the page keeps its own).
 * The worker keeps a DTW distance cache per `scope` (the run whose scores these are) between batches. DQS's distances are computed by a pool of
 * DTW workers that the query worker starts (workers/dtw/); interrupt stops it between rounds.
 * `check` times the DQS paths this machine has (admin benchmark page).
 */
import type { QueryErrorCode, QueryPick, StrategyName } from "@/lib/query";
import type { DqsCheckArgs, DqsCheckResult } from "./check";

/** A candidate as the worker gets it; `embedding`: the detector's view of it (ALOE's strategies need it). */
export type QueryCandidateData = { key: string; scores: Float32Array; embedding?: Float32Array };

export type QueryRequest =
  | {
      type: "select";
      /** The detector run whose scores the candidates carry: distances are cached per scope. */
      scope: string;
      strategy: StrategyName;
      budget: number;
      seed: number;
      threshold?: number;
      candidates: QueryCandidateData[];
      queried: QueryCandidateData[];
    }
  | { type: "check"; args: DqsCheckArgs }
  | { type: "interrupt" };

export type QueryEvent =
  | { type: "ready" }
  | { type: "progress"; done: number; total: number }
  | { type: "complete"; picks: QueryPick[]; ms: number; where: string }
  | { type: "checked"; result: DqsCheckResult }
  | { type: "error"; code: QueryErrorCode | "internal"; message: string };

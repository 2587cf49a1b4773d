/** Main-thread side of the scoring worker: load a model once, then score sequences one by one. */
import type { BackendName } from "@/lib/backend/choose";
import type { SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import type { ScoreEvent, ScoreRequest } from "./protocol";

export type Scored = { score: Float32Array; channelScores: Float32Array[] };
export type Explained = Omit<Extract<ScoreEvent, { type: "counterfactual" }>, "type" | "id">;
export type LoadInfo = Extract<ScoreEvent, { type: "load" }>;

const IDLE_LIMIT_MS = 5 * 60_000;

export type Scorer = {
  ready: Promise<LoadInfo>;
  /** Scores one z-scored sequence; `shift` = steps between scored windows (1, the default, or more). */
  score(id: string, columns: SeriesColumns, shift?: number): Promise<Scored>;
  /** The detector's embedding of each stretch [start, end) of one z-scored sequence (lib/detectors/embedding.ts). */
  embed(id: string, columns: SeriesColumns, stretches: [number, number][]): Promise<Float32Array[]>;
  /** The counterfactual of steps [start, end) of one z-scored sequence (TimeVQVAE-AD models only). */
  counterfactual(id: string, columns: SeriesColumns, start: number, end: number, seed: number): Promise<Explained>;
  dispose(): void;
};

/** An error event for nobody in particular, or a cancellation, ends every request. */
function failure(e: ScoreEvent): WorkerError | null {
  if (e.type === "error" && !e.id) return new WorkerError(e.code, e.message);
  if (e.type === "interrupted") return new WorkerError("interrupted", "Scoring was cancelled.");
  return null;
}

export function createScorer(weights: SavedWeights, backend: BackendName | undefined, onEvent: (e: ScoreEvent) => void): Scorer {
  const worker = new Worker(new URL("../score.worker.ts", import.meta.url), { type: "module", name: "score" });
  const channel = new WorkerChannel<ScoreRequest, ScoreEvent>(worker, { name: "scoring worker", idleMs: IDLE_LIMIT_MS, onEvent });
  let loaded: LoadInfo | null = null;
  const ready = channel.call<LoadInfo>({ type: "load", weights, backend }, (e) => {
    if (e.type === "load") loaded = e;
    const failed = failure(e);
    if (failed) return { error: failed };
    return e.type === "ready" && loaded ? { value: loaded } : undefined;
  });
  return {
    ready,
    score(id, columns, shift) {
      return channel.call<Scored>(
        { type: "score", id, columns, shift },
        (e) => {
          if (e.type === "scored" && e.id === id) return { value: { score: e.score, channelScores: e.channelScores } };
          if (e.type === "error" && e.id === id) return { error: new WorkerError(e.code, e.message) };
          const failed = failure(e);
          return failed ? { error: failed } : undefined;
        },
        columns.map((c) => c.buffer as ArrayBuffer),
      );
    },
    embed(id, columns, stretches) {
      return channel.call<Float32Array[]>(
        { type: "embed", id, columns, stretches },
        (e) => {
          if (e.type === "embedded" && e.id === id) return { value: e.embeddings };
          if (e.type === "error" && e.id === id) return { error: new WorkerError(e.code, e.message) };
          const failed = failure(e);
          return failed ? { error: failed } : undefined;
        },
        columns.map((c) => c.buffer as ArrayBuffer),
      );
    },
    counterfactual(id, columns, start, end, seed) {
      return channel.call<Explained>(
        { type: "counterfactual", id, columns, start, end, seed },
        (e) => {
          if (e.type === "counterfactual" && e.id === id) return { value: { values: e.values, band: e.band, bandScores: e.bandScores } };
          if (e.type === "error" && e.id === id) return { error: new WorkerError(e.code, e.message) };
          const failed = failure(e);
          return failed ? { error: failed } : undefined;
        },
        columns.map((c) => c.buffer as ArrayBuffer),
      );
    },
    dispose() {
      channel.post({ type: "interrupt" });
      channel.dispose("Scoring was stopped.");
    },
  };
}

/** Main-thread side of the scoring worker: load a model once, then score sequences one by one. */
import type { BackendName } from "@/lib/backend/choose";
import type { SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series";
import { idleTimer, WorkerError } from "../worker-error";
import type { ScoreEvent } from "./protocol";

export type Scored = { score: Float32Array; channelScores: Float32Array[] };
export type LoadInfo = Extract<ScoreEvent, { type: "load" }>;

type Pending = { resolve(value: Scored): void; reject(error: WorkerError): void };

const IDLE_LIMIT_MS = 5 * 60_000;

export type Scorer = { ready: Promise<LoadInfo>; score(id: string, columns: SeriesColumns): Promise<Scored>; dispose(): void };

export function createScorer(weights: SavedWeights, backend: BackendName | undefined, onEvent: (e: ScoreEvent) => void): Scorer {
  const worker = new Worker(new URL("../score.worker.ts", import.meta.url), { type: "module", name: "score" });
  const pending = new Map<string, Pending>();
  let loaded: LoadInfo | null = null;
  let readyCallbacks: { resolve(v: LoadInfo): void; reject(e: WorkerError): void } | null = null;
  const ready = new Promise<LoadInfo>((resolve, reject) => (readyCallbacks = { resolve, reject }));
  const failAll = (error: WorkerError) => {
    readyCallbacks?.reject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const timer = idleTimer(IDLE_LIMIT_MS, () => failAll(new WorkerError("timeout", "Scoring stopped answering for 5 minutes.")));
  worker.onmessage = (message: MessageEvent<ScoreEvent>) => {
    const event = message.data;
    timer.touch();
    onEvent(event);
    if (event.type === "load") loaded = event;
    else if (event.type === "ready" && loaded) readyCallbacks?.resolve(loaded);
    else if (event.type === "scored") {
      pending.get(event.id)?.resolve({ score: event.score, channelScores: event.channelScores });
      pending.delete(event.id);
    } else if (event.type === "error") {
      const error = new WorkerError(event.code, event.message);
      if (event.id && pending.has(event.id)) {
        pending.get(event.id)?.reject(error);
        pending.delete(event.id);
      } else failAll(error);
    } else if (event.type === "interrupted") failAll(new WorkerError("interrupted", "Scoring was cancelled."));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new WorkerError("worker_failed", `The scoring worker failed to start: ${event.message || "unknown error"}`));
  };
  worker.postMessage({ type: "load", weights, backend });
  return {
    ready,
    score(id, columns) {
      return new Promise<Scored>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "score", id, columns }, columns.map((c) => c.buffer as ArrayBuffer));
      });
    },
    dispose() {
      timer.clear();
      worker.postMessage({ type: "interrupt" });
      worker.terminate();
      failAll(new WorkerError("interrupted", "Scoring was stopped."));
    },
  };
}

/**
 * Main-thread side of the query worker. Selection is synchronous inside the worker, so cancelling
 * terminates it. If the worker cannot start, the same lib/ code runs here instead (slower UI, same picks).
 */
import { getStrategy, type QueryPick } from "@/lib/query";
import { idleTimer, WorkerError } from "../worker-error";
import type { QueryEvent, QueryRequest } from "./protocol";

type Select = Extract<QueryRequest, { type: "select" }>;
export type Selection = { picks: QueryPick[]; ms: number; where: "worker" | "main thread" };

const IDLE_LIMIT_MS = 5 * 60_000;
let shared: Worker | null = null;

function worker(): Worker {
  shared ??= new Worker(new URL("../query.worker.ts", import.meta.url), { type: "module", name: "query" });
  return shared;
}

function selectHere(request: Select): Selection {
  const t0 = performance.now();
  const picks = getStrategy(request.strategy).select({ ...request });
  return { picks, ms: performance.now() - t0, where: "main thread" };
}

export function selectQueries(request: Select, onProgress: (done: number, total: number) => void): { done: Promise<Selection>; cancel(): void } {
  let w: Worker;
  try {
    w = worker();
  } catch {
    return { done: Promise.resolve().then(() => selectHere(request)), cancel: () => undefined };
  }
  let cancel = () => undefined as void;
  const done = new Promise<Selection>((resolve, reject) => {
    const finish = () => {
      timer.clear();
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
    const timer = idleTimer(IDLE_LIMIT_MS, () => {
      finish();
      reject(new WorkerError("timeout", "Query selection stopped answering for 5 minutes."));
    });
    const onMessage = (message: MessageEvent<QueryEvent>) => {
      const event = message.data;
      timer.touch();
      if (event.type === "progress") onProgress(event.done, event.total);
      else if (event.type === "complete") {
        finish();
        resolve({ picks: event.picks, ms: event.ms, where: "worker" });
      } else if (event.type === "error") {
        finish();
        reject(new WorkerError(event.code, event.message));
      }
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      shared = null;
      try {
        resolve(selectHere(request));
      } catch (error) {
        reject(error);
      }
    };
    cancel = () => {
      finish();
      w.terminate();
      shared = null;
      reject(new WorkerError("interrupted", "Query selection was cancelled."));
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage(request);
  });
  return { done, cancel: () => cancel() };
}

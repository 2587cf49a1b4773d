/**
 * Main-thread side of the query worker. Cancelling asks the worker to stop (DQS stops between
 * rounds of its DTW pool); a worker that does not answer within a second (a synchronous strategy
 * mid-batch) is terminated. If the worker cannot start, the same lib/ code runs here instead
 * (slower UI, same picks).
 */
import { getStrategy, type QueryPick } from "@/lib/query";
import { idleTimer, WorkerError } from "../worker-error";
import type { DqsCheckArgs, DqsCheckResult } from "./check";
import type { QueryEvent, QueryRequest } from "./protocol";

type Select = Extract<QueryRequest, { type: "select" }>;
export type Selection = { picks: QueryPick[]; ms: number; where: string };

const IDLE_LIMIT_MS = 5 * 60_000;
const CANCEL_GRACE_MS = 1000;
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

/** Stop the worker's current batch; terminate it if it does not stop in time. */
function interrupt(w: Worker): void {
  const kill = setTimeout(() => {
    w.terminate();
    if (shared === w) shared = null;
  }, CANCEL_GRACE_MS);
  const stopped = (message: MessageEvent<QueryEvent>) => {
    if (message.data.type !== "error" && message.data.type !== "complete") return;
    clearTimeout(kill);
    w.removeEventListener("message", stopped);
  };
  w.addEventListener("message", stopped);
  w.postMessage({ type: "interrupt" } satisfies QueryRequest);
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
        resolve({ picks: event.picks, ms: event.ms, where: event.where });
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
      interrupt(w);
      reject(new WorkerError("interrupted", "Query selection was cancelled."));
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage(request);
  });
  return { done, cancel: () => cancel() };
}

/** Time the DQS paths of this machine (one thread, DTW pool, WebGPU) in the query worker. */
export function checkDqsPaths(args: DqsCheckArgs): Promise<DqsCheckResult> {
  const w = worker();
  return new Promise((resolve, reject) => {
    const onMessage = (message: MessageEvent<QueryEvent>) => {
      const event = message.data;
      if (event.type !== "checked" && event.type !== "error") return;
      w.removeEventListener("message", onMessage);
      if (event.type === "checked") resolve(event.result);
      else reject(new WorkerError(event.code, event.message));
    };
    w.addEventListener("message", onMessage);
    w.postMessage({ type: "check", args } satisfies QueryRequest);
  });
}

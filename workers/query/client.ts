/**
 * Main-thread side of the query worker. Cancelling asks the worker to stop (DQS stops between
 * rounds of its DTW pool); a worker that does not answer within a second (a synchronous strategy
 * mid-batch) is terminated, and the next batch starts a fresh one. If the worker cannot start, the same lib/ code runs here instead
 * (slower UI, same picks).
 */
import { getStrategy, type QueryPick } from "@/lib/query";
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import type { DqsCheckArgs, DqsCheckResult } from "./check";
import type { QueryEvent, QueryRequest } from "./protocol";

type Select = Extract<QueryRequest, { type: "select" }>;
export type Selection = { picks: QueryPick[]; ms: number; where: string };

const IDLE_LIMIT_MS = 5 * 60_000;
const CANCEL_GRACE_MS = 1000;

type QueryChannel = WorkerChannel<QueryRequest, QueryEvent>;
let shared: QueryChannel | null = null;

/** The query worker, started once and kept (its DTW distance cache lives between batches). */
function channel(): QueryChannel {
  if (shared?.isDisposed) shared = null;
  shared ??= new WorkerChannel<QueryRequest, QueryEvent>(
    new Worker(new URL("../query.worker.ts", import.meta.url), { type: "module", name: "query" }),
    {
      name: "query worker",
      idleMs: IDLE_LIMIT_MS,
    },
  );
  return shared;
}

function selectHere(request: Select): Selection {
  const t0 = performance.now();
  const picks = getStrategy(request.strategy).select({ ...request });
  return { picks, ms: performance.now() - t0, where: "main thread" };
}

export function selectQueries(
  request: Select,
  onProgress: (done: number, total: number) => void,
): { done: Promise<Selection>; cancel(): void } {
  let ch: QueryChannel;
  try {
    ch = channel();
  } catch {
    return { done: Promise.resolve().then(() => selectHere(request)), cancel: () => undefined };
  }
  let active = true;
  const call = ch.call<Selection>(request, (e) => {
    if (e.type === "progress" && active) onProgress(e.done, e.total);
    if (e.type === "complete") return { value: { picks: e.picks, ms: e.ms, where: e.where } };
    if (e.type === "error") return { error: new WorkerError(e.code, e.message) };
    return undefined;
  });
  // A worker that cannot run here: the same lib/ code on this thread (slower UI, same picks).
  const selected = call.catch((error: unknown) => {
    if (error instanceof WorkerError && error.code === "worker_failed") {
      if (shared === ch) shared = null;
      return selectHere(request);
    }
    throw error;
  });
  let stop: (error: WorkerError) => void = () => undefined;
  const cancelled = new Promise<never>((_, reject) => (stop = reject));
  const cancel = () => {
    active = false;
    stop(new WorkerError("interrupted", "Query selection was cancelled."));
    // DQS stops between rounds of its DTW pool; a strategy busy mid-batch is stopped the hard way.
    ch.post({ type: "interrupt" });
    const kill = setTimeout(() => ch.dispose("Query selection was cancelled."), CANCEL_GRACE_MS);
    call.then(
      () => clearTimeout(kill),
      () => clearTimeout(kill),
    );
  };
  return { done: Promise.race([selected, cancelled]), cancel };
}

/** Time the DQS paths of this machine (one thread, DTW pool, WebGPU) in the query worker. */
export function checkDqsPaths(args: DqsCheckArgs): Promise<DqsCheckResult> {
  return channel().call<DqsCheckResult>({ type: "check", args }, (e) =>
    e.type === "checked" ? { value: e.result } : e.type === "error" ? { error: new WorkerError(e.code, e.message) } : undefined,
  );
}

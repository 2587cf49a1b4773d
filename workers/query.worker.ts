/// <reference lib="webworker" />
import { GpuDtw } from "@/lib/dtw/webgpu";
import { getStrategy, poolExecutor, QueryError, ScopedDistanceCaches, selectDqsWith } from "@/lib/query";
import { withGpuRows } from "@/lib/query/gpu-rows";
import { startDtwPool, type DtwPoolWorker } from "./dtw/client";
import { checkDqsPaths } from "./query/check";
import type { QueryEvent, QueryRequest } from "./query/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Pair distances survive between batches of the same run: its next DQS batch reuses them. Never across runs. */
const caches = new ScopedDistanceCaches();
let abort = new AbortController();
/** DQS's DTW pool: one worker per core (at most 4), started on the first DQS batch; null = inline. */
let pool: DtwPoolWorker[] | null | undefined;
const POOL_MAX = 4;
/** A hardware WebGPU adapter estimates whole DTW rows; worth it from this many candidates on. */
const GPU_MIN_CANDIDATES = 500;
let gpu: Promise<GpuDtw | null> | undefined;

function post(event: QueryEvent): void {
  scope.postMessage(event);
}

function dtwPool(): DtwPoolWorker[] | null {
  if (pool === undefined) pool = startDtwPool(Math.min(POOL_MAX, Math.max(1, navigator.hardwareConcurrency || 1)));
  return pool;
}

/** A hardware GPU, once; a software adapter (SwiftShader) is slower than the CPU pool, so null. */
function hardwareGpu(): Promise<GpuDtw | null> {
  gpu ??= GpuDtw.create({ allowSoftware: false })
    .then((g) => ("load" in g ? g : null))
    .catch(() => null);
  return gpu;
}

async function select(request: Extract<QueryRequest, { type: "select" }>): Promise<void> {
  abort = new AbortController();
  const t0 = performance.now();
  const ctx = {
    candidates: request.candidates,
    queried: request.queried,
    budget: request.budget,
    seed: request.seed,
    threshold: request.threshold,
    signal: abort.signal,
    distance: caches.forScope(request.scope),
    onProgress: (done: number, total: number) => post({ type: "progress", done, total }),
  };
  try {
    const workers = request.strategy === "dqs" ? dtwPool() : null;
    let where = "query worker";
    let picks;
    if (workers) {
      try {
        const onGpu = request.candidates.length >= GPU_MIN_CANDIDATES ? await hardwareGpu() : null;
        const cpu = poolExecutor(workers);
        picks = await selectDqsWith(ctx, onGpu ? withGpuRows(cpu, onGpu) : cpu);
        where = `query worker + ${workers.length} DTW worker${workers.length === 1 ? "" : "s"}${onGpu ? ` + WebGPU (${onGpu.adapter.description})` : ""}`;
      } catch (error) {
        if (error instanceof QueryError) throw error;
        // A pool worker failed (e.g. could not start): drop the pool, compute here. Same picks.
        for (const w of workers) w.terminate();
        pool = null;
      }
    }
    picks ??= getStrategy(request.strategy).select(ctx);
    post({ type: "complete", picks, ms: performance.now() - t0, where });
  } catch (error) {
    const code = error instanceof QueryError ? error.code : "internal";
    post({ type: "error", code, message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (message: MessageEvent<QueryRequest>) => {
  const request = message.data;
  switch (request.type) {
    case "select":
      void select(request);
      break;
    case "check":
      checkDqsPaths(request.args, dtwPool(), GPU_MIN_CANDIDATES).then(
        (result) => post({ type: "checked", result }),
        (error: unknown) => post({ type: "error", code: "internal", message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case "interrupt":
      abort.abort();
      break;
  }
};
post({ type: "ready" });

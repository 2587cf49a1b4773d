/** Main-thread side of the benchmark worker: one run, its events as they come, stopped on unmount. */
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import type { BenchEvent, BenchRequest } from "./protocol";

export type BenchHandle = { done: Promise<void>; stop(): void };

/** A backend that sends nothing for this long (one training step on a slow backend) is stuck. */
const IDLE_LIMIT_MS = 5 * 60_000;

export function runBenchmark(request: BenchRequest, onEvent: (event: BenchEvent) => void): BenchHandle {
  const worker = new Worker(new URL("../bench.worker.ts", import.meta.url), { type: "module", name: "bench" });
  const channel = new WorkerChannel<BenchRequest, BenchEvent>(worker, { name: "benchmark worker", idleMs: IDLE_LIMIT_MS, onEvent });
  const done = channel.call<void>(request, (e) =>
    e.type === "complete" ? { value: undefined } : e.type === "error" ? { error: new WorkerError("bench_failed", e.message) } : undefined,
  );
  const stop = () => channel.dispose("The benchmark was stopped.");
  done.then(stop, stop);
  return { done, stop };
}

/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { benchCases, benchmarkData, measureDetector } from "@/lib/detectors/benchmark";
import { selectBackend } from "./tf/backend";
import type { BenchEvent, BenchRequest } from "./bench/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: BenchEvent) => scope.postMessage(event);

const FEATURES = 8;
/** The registry's rows but the full-size ones (too slow for a page). */
const CASES = benchCases(FEATURES, false);

/** The picker's choice first (it probes every backend), then each backend that started, in turn. */
async function run(quick: boolean): Promise<void> {
  const choice = await selectBackend();
  post({ type: "choice", backend: choice.backend, reason: choice.reason, probes: choice.probes });
  const data = benchmarkData(FEATURES);
  const plan = quick
    ? { warmups: 1, reps: 3, scoredWindows: 256, windowSize: 32, batchSize: 32 }
    : { warmups: 2, reps: 5, scoredWindows: 1024, windowSize: 32, batchSize: 32 };
  const backends = ["webgpu", "wasm", "webgl", "cpu"] as const;
  for (const backend of backends) {
    const started = await tf.setBackend(backend).catch(() => false);
    if (!started) {
      post({ type: "skipped", backend, reason: choice.probes.find((p) => p.backend === backend)?.error ?? "did not start" });
      continue;
    }
    await tf.ready();
    for (const c of CASES) post({ type: "row", row: await measureDetector(backend, c, plan, data) });
  }
  post({ type: "complete" });
}

scope.onmessage = (message: MessageEvent<BenchRequest>) => {
  run(message.data.quick).catch((error: unknown) =>
    post({ type: "error", message: error instanceof Error ? error.message : String(error) }),
  );
};

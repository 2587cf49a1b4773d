/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { GPU_LSTM_VARIANTS, benchCases, benchmarkData, gpuLstmBench, measureDetector } from "@/lib/detectors/benchmark";
import { LAYER_CASES, QUICK_LAYER_CASES, checkLayer, checkTeVaeTraining } from "@/lib/detectors/lstm-check";
import { gpuAdapterInfo, selectBackend } from "./tf/backend";
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

/**
 * The fused WGSL LSTM on this browser's WebGPU adapter: every check case's outputs and gradients and
 * a small TeVAE's training losses against the op-by-op LSTM; with `timing`, then TeVAE's training
 * step timed op by op and fused on WebGPU and fused on wasm.
 */
async function runLstm(quick: boolean, timing: boolean): Promise<void> {
  const adapter = await gpuAdapterInfo();
  post({ type: "adapter", adapter });
  if (!adapter || !(await tf.setBackend("webgpu").catch(() => false))) {
    post({ type: "skipped", backend: "webgpu", reason: adapter ? "did not start" : "no WebGPU adapter" });
    post({ type: "complete" });
    return;
  }
  await tf.ready();
  for (const c of quick ? QUICK_LAYER_CASES : LAYER_CASES) post({ type: "lstm-layer", check: await checkLayer(c) });
  post({ type: "lstm-training", check: await checkTeVaeTraining() });
  if (timing) await timeLstm(quick);
  post({ type: "complete" });
}

async function timeLstm(quick: boolean): Promise<void> {
  const data = benchmarkData(FEATURES);
  const { cases, plan } = gpuLstmBench(quick, FEATURES);
  for (const c of cases) {
    for (const { backend, lstm } of GPU_LSTM_VARIANTS) {
      if (!(await tf.setBackend(backend).catch(() => false))) {
        post({ type: "skipped", backend, reason: "did not start" });
        continue;
      }
      await tf.ready();
      post({ type: "row", row: await measureDetector(backend, { ...c, lstm }, plan, data) });
    }
  }
}

scope.onmessage = (message: MessageEvent<BenchRequest>) => {
  const request = message.data;
  (request.type === "lstm" ? runLstm(request.quick, request.timing) : run(request.quick)).catch((error: unknown) =>
    post({ type: "error", message: error instanceof Error ? error.message : String(error) }),
  );
};

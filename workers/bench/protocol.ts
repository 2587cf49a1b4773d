/** The browser benchmark worker: every backend that starts, the same detectors and data. */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { BenchRow } from "@/lib/detectors/benchmark";
import type { LayerCheck, TrainingCheck } from "@/lib/detectors/lstm-check";

/**
 * "run": the detectors on every backend; "lstm": the fused WGSL LSTM checked against the op-by-op
 * one on WebGPU, then (with `timing`) TeVAE's training step timed op by op and fused on WebGPU and
 * fused on wasm. `quick`: fewer check shapes and a small TeVAE.
 */
export type BenchRequest = { type: "run"; quick: boolean } | { type: "lstm"; quick: boolean; timing: boolean };

export type BenchEvent =
  | { type: "choice"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "adapter"; adapter: GpuAdapterInfo | null }
  | { type: "row"; row: BenchRow }
  | { type: "lstm-layer"; check: LayerCheck }
  | { type: "lstm-training"; check: TrainingCheck }
  | { type: "skipped"; backend: BackendName; reason: string }
  | { type: "complete" }
  | { type: "error"; message: string };

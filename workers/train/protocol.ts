/**
 * The training worker's protocol. Lifecycle: check → load → ready → progress… → complete | error,
 * plus interrupt (answered by `interrupted`). Series cross as Float32Arrays in the transfer list.
 */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { DetectorFailureCode, EpochReport, SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";
import type { DetectorKind } from "@/lib/detectors/types";
import type { RunConfig } from "@/lib/validations/run";
import type { Probe } from "@/lib/runs/estimate";

export const TRAIN_REQUESTS = ["start", "probe", "interrupt"] as const;

export type TrainStart = {
  type: "start";
  detector: DetectorKind;
  config: RunConfig;
  backend?: BackendName;
  /** z-scored with the dataset's training statistics */
  train: SeriesColumns[];
  validation: SeriesColumns[];
};

/**
 * A few training steps and a few hundred scored windows of the run's own (z-scored) data on the
 * backend the run would use, to estimate its time before it starts (lib/runs/estimate.ts).
 */
export type TrainProbe = {
  type: "probe";
  detector: DetectorKind;
  config: RunConfig;
  backend?: BackendName;
  /** Training sequences for the steps, then the sequence to score (last). */
  data: SeriesColumns[];
};

export type TrainRequest = TrainStart | TrainProbe | { type: "interrupt" };

export type TrainEvent =
  | { type: "check"; adapter: GpuAdapterInfo | null }
  | { type: "load"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "ready" }
  | { type: "progress"; epoch: EpochReport; epochs: number }
  | { type: "batch"; done: number; total: number }
  | { type: "complete"; weights: SavedWeights; bestEpoch: number; epochs: EpochReport[] }
  | { type: "probed"; probe: Probe }
  | { type: "interrupted" }
  | { type: "error"; code: DetectorFailureCode; message: string };

export function transferablesOf(columns: SeriesColumns[]): ArrayBuffer[] {
  return columns.flatMap((c) => c.map((a) => a.buffer as ArrayBuffer));
}

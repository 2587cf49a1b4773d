/**
 * The training worker's protocol. Lifecycle: check → load → ready → progress… → complete | error,
 * plus interrupt (answered by `interrupted`). Series cross as Float32Arrays in the transfer list.
 */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { DetectorFailureCode, EpochReport, SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";
import type { DetectorKind } from "@/lib/detectors/types";
import type { RunConfig } from "@/lib/validations/run";

export const TRAIN_REQUESTS = ["start", "interrupt"] as const;

export type TrainStart = {
  type: "start";
  detector: DetectorKind;
  config: RunConfig;
  backend?: BackendName;
  /** z-scored with the dataset's training statistics */
  train: SeriesColumns[];
  validation: SeriesColumns[];
};

export type TrainRequest = TrainStart | { type: "interrupt" };

export type TrainEvent =
  | { type: "check"; adapter: GpuAdapterInfo | null }
  | { type: "load"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "ready" }
  | { type: "progress"; epoch: EpochReport; epochs: number }
  | { type: "batch"; done: number; total: number }
  | { type: "complete"; weights: SavedWeights; bestEpoch: number; epochs: EpochReport[] }
  | { type: "interrupted" }
  | { type: "error"; code: DetectorFailureCode; message: string };

export function transferablesOf(columns: SeriesColumns[]): ArrayBuffer[] {
  return columns.flatMap((c) => c.map((a) => a.buffer as ArrayBuffer));
}

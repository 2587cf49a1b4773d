/**
 * The training worker's protocol. Lifecycle: check → load → ready → progress… → complete | error,
 * plus interrupt (answered by `interrupted`). Series cross as Float32Arrays in the transfer list.
 */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { DetectorFailureCode, EpochReport, SavedWeights } from "@/lib/detectors";
import type { LabelledSpan } from "@/lib/detectors/loe";
import type { SeriesColumns } from "@/lib/series/types";
import type { DetectorKind } from "@/lib/detectors/types";
import type { RunConfig } from "@/lib/validations/run";
import type { Probe } from "@/lib/runs/estimate";

export const TRAIN_REQUESTS = ["start", "probe", "refine", "interrupt"] as const;

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

/** ALOE's fine-tuning of a finished run's weights with its labels (workers/train/refine.ts). */
export type TrainRefine = {
  type: "refine";
  parent: SavedWeights;
  backend?: BackendName;
  /** z-scored with the dataset's training statistics: the training sequences and every labelled one */
  sequences: SeriesColumns[];
  /** Labelled stretches; `sequence` indexes `sequences`. */
  spans: LabelledSpan[];
  /** The contamination ratio of the unlabelled windows (latent anomalies). */
  alpha: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  maxWindows?: number;
};

export type TrainRequest = TrainStart | TrainProbe | TrainRefine | { type: "interrupt" };

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

/**
 * The scoring worker's protocol: `load` a trained model (check → load → ready), then `score` one
 * sequence at a time (→ scored), plus interrupt. Scores cross back as Float32Arrays, transferred.
 */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { DetectorFailureCode, SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";

export type ScoreRequest =
  | { type: "load"; weights: SavedWeights; backend?: BackendName }
  | { type: "score"; id: string; columns: SeriesColumns; shift?: number }
  | { type: "interrupt" };

export type ScoreEvent =
  | { type: "check"; adapter: GpuAdapterInfo | null }
  | { type: "load"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "ready" }
  | { type: "scored"; id: string; score: Float32Array; channelScores: Float32Array[] }
  | { type: "interrupted" }
  | { type: "error"; id?: string; code: DetectorFailureCode; message: string };

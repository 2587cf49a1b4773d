/**
 * The scoring worker's protocol: `load` a trained model (check → load → ready), then `score` one
 * sequence at a time (→ scored) or `embed` stretches of one (→ embedded: the detector's embedding of
 * each, lib/detectors/embedding.ts, for ALOE's querying), plus interrupt. Scores cross back as Float32Arrays, transferred.
 * A model that explains its alarms (TimeVQVAE-AD) also answers `counterfactual`: the likely-normal
 * values of a stretch of a z-scored sequence (→ counterfactual).
 */
import type { BackendName, BackendProbe, GpuAdapterInfo } from "@/lib/backend/choose";
import type { DetectorFailureCode, SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";

export type ScoreRequest =
  | { type: "load"; weights: SavedWeights; backend?: BackendName }
  | { type: "score"; id: string; columns: SeriesColumns; shift?: number }
  | { type: "embed"; id: string; columns: SeriesColumns; stretches: [number, number][] }
  | { type: "counterfactual"; id: string; columns: SeriesColumns; start: number; end: number; seed: number }
  | { type: "interrupt" };

export type ScoreEvent =
  | { type: "check"; adapter: GpuAdapterInfo | null }
  | { type: "load"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "ready" }
  | { type: "scored"; id: string; score: Float32Array; channelScores: Float32Array[] }
  | { type: "embedded"; id: string; embeddings: Float32Array[] }
  | {
      type: "counterfactual";
      id: string;
      /** Per channel, steps [start, end), z-scored. */
      values: Float32Array[];
      band: "low" | "high";
      bandScores: { low: number; high: number };
    }
  | { type: "interrupted" }
  | { type: "error"; id?: string; code: DetectorFailureCode; message: string };

/**
 * The DTW pool worker's protocol: `load` every series of a batch once (→ loaded), then `run` pieces
 * of pair requests (→ result, with the id of the piece). A pool worker is started by the query
 * worker; it computes and keeps nothing else.
 */
import type { PairRequests } from "@/lib/query/pair-work";

export type DtwRequest = { type: "load"; id: number; series: Float32Array[] } | { type: "run"; id: number; requests: PairRequests };

export type DtwEvent =
  | { type: "loaded"; id: number }
  | { type: "result"; id: number; values: Float64Array; cells: number }
  | { type: "error"; id: number; message: string };

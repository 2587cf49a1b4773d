/** The browser benchmark worker: every backend that starts, the same detectors and data. */
import type { BackendName, BackendProbe } from "@/lib/backend/choose";
import type { BenchRow } from "@/lib/detectors/benchmark";

export type BenchRequest = { type: "run"; quick: boolean };

export type BenchEvent =
  | { type: "choice"; backend: BackendName; reason: string; probes: BackendProbe[] }
  | { type: "row"; row: BenchRow }
  | { type: "skipped"; backend: BackendName; reason: string }
  | { type: "complete" }
  | { type: "error"; message: string };

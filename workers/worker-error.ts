import type { DetectorFailureCode } from "@/lib/detectors";
import type { QueryErrorCode } from "@/lib/query";

/** What a worker client rejects with: a typed code the UI can explain. */
export type WorkerErrorCode =
  /** the worker could not start or threw outside a request */
  | "worker_failed"
  /** it sent nothing for its time limit while a request was pending */
  | "timeout"
  /** cancelled, or stopped */
  | "interrupted"
  /** the benchmark worker's run failed */
  | "bench_failed"
  /** what the training and scoring workers report */
  | DetectorFailureCode
  /** what the query worker reports */
  | QueryErrorCode;

export class WorkerError extends Error {
  override readonly name = "WorkerError";
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

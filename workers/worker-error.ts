/** What a worker client rejects with: a typed code the UI can explain. */
export type WorkerErrorCode = "worker_failed" | "timeout" | "interrupted" | string;

export class WorkerError extends Error {
  override readonly name = "WorkerError";
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Rejects when no message arrives for `ms`; `touch()` restarts the clock. */
export function idleTimer(ms: number, onTimeout: () => void): { touch(): void; clear(): void } {
  let handle = setTimeout(onTimeout, ms);
  return {
    touch() {
      clearTimeout(handle);
      handle = setTimeout(onTimeout, ms);
    },
    clear() {
      clearTimeout(handle);
    },
  };
}

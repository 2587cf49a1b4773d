/**
 * One worker seen from the page, the same way for every worker of the app: requests whose promise
 * settles on the event that answers them, every event passed on as it comes, a time limit on
 * silence, the worker's own failure, and disposal — in one place, so that no client hand-rolls its
 * pending map, timer or error handling (after excalidraw's worker pool: one generic owner of the
 * worker with a time-to-live and an error handler).
 *
 * A request is answered by a `settle` function that looks at each event while the request is
 * pending and returns `{ value }` or `{ error }` once the event answers it (or undefined to keep
 * waiting). When the worker fails to start or throws, when it sends nothing for `idleMs` while a
 * request is pending, or when the channel is disposed, every pending request is rejected with a
 * WorkerError ("worker_failed", "timeout", "interrupted").
 */
import { WorkerError } from "./worker-error";

/** The part of a Worker the channel uses (a fake one in tests). */
export type WorkerLike<Request> = {
  postMessage(message: Request, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

export type Settled<T> = { value: T } | { error: WorkerError } | undefined;

type Pending<Event> = { settle(event: Event): Settled<unknown>; resolve(value: unknown): void; reject(error: WorkerError): void };

export type ChannelOptions<Event> = {
  /** In messages: "The scoring worker …". */
  name: string;
  /** Reject pending requests when the worker sends nothing for this long (none: no limit). */
  idleMs?: number;
  /** Every event, before any request is settled by it. */
  onEvent?: (event: Event) => void;
};

export class WorkerChannel<Request, Event> {
  private pending: Pending<Event>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly worker: WorkerLike<Request>,
    private readonly options: ChannelOptions<Event>,
  ) {
    worker.onmessage = (message: MessageEvent) => this.receive(message.data as Event);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.failAll(new WorkerError("worker_failed", `The ${options.name} failed: ${event.message || "it could not start"}.`));
    };
  }

  /** Sends `request`; the promise settles on the first event for which `settle` returns an outcome. */
  call<T>(request: Request, settle: (event: Event) => Settled<T>, transfer: Transferable[] = []): Promise<T> {
    if (this.disposed) return Promise.reject(new WorkerError("interrupted", `The ${this.options.name} was stopped.`));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ settle, resolve: resolve as (value: unknown) => void, reject });
      this.armTimer();
      this.worker.postMessage(request, transfer);
    });
  }

  /** Sends a request nobody waits an answer for (interrupt). */
  post(request: Request): void {
    if (!this.disposed) this.worker.postMessage(request);
  }

  /** Terminates the worker; pending requests are rejected with `interrupted`. */
  dispose(message = `The ${this.options.name} was stopped.`): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker.terminate();
    this.failAll(new WorkerError("interrupted", message));
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private receive(event: Event): void {
    if (this.disposed) return;
    this.options.onEvent?.(event);
    const still: Pending<Event>[] = [];
    for (const p of this.pending) {
      const outcome = p.settle(event);
      if (outcome === undefined) still.push(p);
      else if ("error" in outcome) p.reject(outcome.error);
      else p.resolve(outcome.value);
    }
    this.pending = still;
    this.armTimer();
  }

  private failAll(error: WorkerError): void {
    const pending = this.pending;
    this.pending = [];
    this.clearTimer();
    for (const p of pending) p.reject(error);
  }

  /** The silence limit runs only while a request is pending, from its last event. */
  private armTimer(): void {
    this.clearTimer();
    const { idleMs } = this.options;
    if (idleMs === undefined || this.pending.length === 0) return;
    const minutes = idleMs >= 60_000 ? `${Math.round(idleMs / 60_000)} minutes` : `${Math.round(idleMs / 1000)} seconds`;
    this.timer = setTimeout(
      () => this.failAll(new WorkerError("timeout", `The ${this.options.name} stopped answering for ${minutes}.`)),
      idleMs,
    );
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Main-thread side of the training worker: a promise for the result, events as they come, interrupt. */
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import { transferablesOf, type TrainEvent, type TrainRequest, type TrainStart } from "./protocol";

export type TrainComplete = Extract<TrainEvent, { type: "complete" }>;

export type TrainingHandle = { done: Promise<TrainComplete>; interrupt(): void };

/** A worker that sends nothing for this long (no epoch, no batch) is considered stuck. */
const IDLE_LIMIT_MS = 10 * 60_000;

export function startTraining(request: TrainStart, onEvent: (event: TrainEvent) => void): TrainingHandle {
  const worker = new Worker(new URL("../train.worker.ts", import.meta.url), { type: "module", name: "train" });
  const channel = new WorkerChannel<TrainRequest, TrainEvent>(worker, { name: "training worker", idleMs: IDLE_LIMIT_MS, onEvent });
  const done = channel.call<TrainComplete>(
    request,
    (e) =>
      e.type === "complete"
        ? { value: e }
        : e.type === "error"
          ? { error: new WorkerError(e.code, e.message) }
          : e.type === "interrupted"
            ? { error: new WorkerError("interrupted", "Training was cancelled.") }
            : undefined,
    [...transferablesOf(request.train), ...transferablesOf(request.validation)],
  );
  // One training per worker: it goes when the training ends, however it ends.
  const stop = () => channel.dispose();
  done.then(stop, stop);
  return { done, interrupt: () => channel.post({ type: "interrupt" }) };
}

/** Main-thread side of the training worker: a promise for the result, events as they come, interrupt. */
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import type { Probe } from "@/lib/runs/estimate";
import { transferablesOf, type TrainEvent, type TrainProbe, type TrainRefine, type TrainRequest, type TrainStart } from "./protocol";

export type TrainComplete = Extract<TrainEvent, { type: "complete" }>;

export type TrainingHandle = { done: Promise<TrainComplete>; interrupt(): void };

/** A worker that sends nothing for this long (no epoch, no batch) is considered stuck. */
const IDLE_LIMIT_MS = 10 * 60_000;

/** A training (start) or an ALOE refinement (refine) in a training worker of its own. */
export function startTraining(request: TrainStart | TrainRefine, onEvent: (event: TrainEvent) => void): TrainingHandle {
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
    request.type === "refine"
      ? transferablesOf(request.sequences)
      : [...transferablesOf(request.train), ...transferablesOf(request.validation)],
  );
  // One training per worker: it goes when the training ends, however it ends.
  const stop = () => channel.dispose();
  done.then(stop, stop);
  return { done, interrupt: () => channel.post({ type: "interrupt" }) };
}

/** A short probe in a training worker of its own (see TrainProbe); the worker goes when it answers. */
export function probeTraining(request: TrainProbe): Promise<Probe> {
  const worker = new Worker(new URL("../train.worker.ts", import.meta.url), { type: "module", name: "train-probe" });
  const channel = new WorkerChannel<TrainRequest, TrainEvent>(worker, { name: "training probe", idleMs: IDLE_LIMIT_MS });
  const done = channel.call<Probe>(
    request,
    (e) => (e.type === "probed" ? { value: e.probe } : e.type === "error" ? { error: new WorkerError(e.code, e.message) } : undefined),
    transferablesOf(request.data),
  );
  const stop = () => channel.dispose();
  done.then(stop, stop);
  return done;
}

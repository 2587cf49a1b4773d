/** Main-thread side of the training worker: a promise for the result, events as they come, interrupt. */
import { idleTimer, WorkerError } from "../worker-error";
import { transferablesOf, type TrainEvent, type TrainStart } from "./protocol";

export type TrainComplete = Extract<TrainEvent, { type: "complete" }>;

export type TrainingHandle = { done: Promise<TrainComplete>; interrupt(): void };

/** A worker that sends nothing for this long (no epoch, no batch) is considered stuck. */
const IDLE_LIMIT_MS = 10 * 60_000;

export function startTraining(request: TrainStart, onEvent: (event: TrainEvent) => void): TrainingHandle {
  const worker = new Worker(new URL("../train.worker.ts", import.meta.url), { type: "module", name: "train" });
  let settle: { resolve(v: TrainComplete): void; reject(e: WorkerError): void } | null = null;
  const done = new Promise<TrainComplete>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: TrainComplete | WorkerError) => {
    timer.clear();
    worker.terminate();
    if (outcome instanceof WorkerError) settle?.reject(outcome);
    else settle?.resolve(outcome);
  };
  const timer = idleTimer(IDLE_LIMIT_MS, () => finish(new WorkerError("timeout", "Training stopped answering for 10 minutes.")));
  worker.onmessage = (message: MessageEvent<TrainEvent>) => {
    const event = message.data;
    timer.touch();
    onEvent(event);
    if (event.type === "complete") finish(event);
    else if (event.type === "error") finish(new WorkerError(event.code, event.message));
    else if (event.type === "interrupted") finish(new WorkerError("interrupted", "Training was cancelled."));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish(new WorkerError("worker_failed", `The training worker failed to start: ${event.message || "unknown error"}`));
  };
  worker.postMessage(request, [...transferablesOf(request.train), ...transferablesOf(request.validation)]);
  return { done, interrupt: () => worker.postMessage({ type: "interrupt" }) };
}

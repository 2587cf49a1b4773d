/**
 * Defaults and checks of the training options.
 */
import { resolveBetaSchedule, type BetaSchedule } from "./beta-schedule";
import { definedOnly } from "./defined";
import { DetectorError } from "./errors";
import type { TrainOptions } from "./types";

export type ResolvedTrainOptions = Omit<TrainOptions, "beta"> &
  Required<Pick<TrainOptions, "epochs" | "batchSize" | "seed" | "learningRate" | "patience">> & { beta: BetaSchedule };

export const TRAIN_DEFAULTS = { epochs: 100, batchSize: 32, seed: 0, learningRate: 1e-3, patience: 10 } as const;

/** Largest batch of windows sent through the network at once when no gradient is needed. */
export const MAX_PREDICT_BATCH = 512;

function fail(what: string): never {
  throw new DetectorError("invalid_option", `Invalid training option: ${what}`);
}

const isCount = (n: number | undefined, min: number) => n === undefined || (Number.isInteger(n) && n >= min);

export function resolveTrainOptions(options: TrainOptions = {}): ResolvedTrainOptions {
  const o = { ...TRAIN_DEFAULTS, ...definedOnly(options), beta: resolveBetaSchedule(options.beta) };
  if (!isCount(o.epochs, 0)) fail("epochs must be a whole number ≥ 0");
  if (!isCount(o.batchSize, 1)) fail("batchSize must be a whole number ≥ 1");
  if (!Number.isFinite(o.seed)) fail("seed must be a finite number");
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) fail("learningRate must be a positive number");
  if (!(o.patience === Number.POSITIVE_INFINITY || isCount(o.patience, 0))) fail("patience must be a whole number ≥ 0 or Infinity");
  if (!isCount(o.maxTrainWindows, 1)) fail("maxTrainWindows must be a whole number ≥ 1");
  if (!isCount(o.maxValidationWindows, 0)) fail("maxValidationWindows must be a whole number ≥ 0");
  return o;
}

/** Batch size for passes without gradients: four training batches, at most MAX_PREDICT_BATCH. */
export function evaluationBatchSize(trainingBatch: number): number {
  return Math.min(MAX_PREDICT_BATCH, Math.max(1, 4 * trainingBatch));
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DetectorError("aborted", "Stopped by the caller");
}

/** Lets the event loop run (a worker's message handler, an abort) between batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

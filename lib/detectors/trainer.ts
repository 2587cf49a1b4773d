/**
 * The training loop shared by every detector: shuffled mini-batches of training windows (built
 * lazily from references), AMSGrad on the network's loss, β from the cyclical schedule, early
 * stopping on the validation reconstruction loss with the best weights restored at the end — also
 * when the run is aborted or diverges. Seeded: the same seed, data and backend give the same losses.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, type Rng } from "../rng";
import { AmsGrad } from "./amsgrad";
import { klBeta } from "./beta-schedule";
import { BestWeights } from "./best-weights";
import { DetectorError } from "./errors";
import { reconstructionLoss, type WindowShape } from "./evaluate";
import type { Network } from "./network";
import { evaluationBatchSize, resolveTrainOptions, throwIfAborted, yieldToEventLoop, type ResolvedTrainOptions } from "./train-options";
import type { EpochReport, StopReason, TrainData, TrainOptions, TrainResult } from "./types";
import { batches, gatherWindows, sampleRefs, shuffle, windowRefs, type WindowRef } from "./windows";

type Run = {
  net: Network;
  variables: tf.Variable[];
  optimizer: AmsGrad;
  data: TrainData;
  shape: WindowShape;
  options: ResolvedTrainOptions;
  rng: Rng;
};

type EpochLosses = { loss: number; nll: number; kl: number };

export async function trainNetwork(net: Network, data: TrainData, shape: WindowShape, options?: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const o = resolveTrainOptions(options);
  const rng = createRng(o.seed);
  const trainRefs = sampleRefs(windowRefs(data.train, shape.windowSize, shape.features), o.maxTrainWindows, rng);
  const valRefs = sampleRefs(windowRefs(data.validation, shape.windowSize, shape.features), o.maxValidationWindows, rng);
  if (trainRefs.length === 0) {
    throw new DetectorError("no_training_windows", `No training sequence has ${shape.windowSize} steps or more`);
  }
  const variables = net.variables.map((v) => v.variable);
  const run: Run = { net, variables, optimizer: new AmsGrad(variables, { learningRate: o.learningRate }), data, shape, options: o, rng };
  const best = new BestWeights(variables);
  const epochs: EpochReport[] = [];
  let stopReason: StopReason = "completed";
  try {
    for (let epoch = 0; epoch < o.epochs && stopReason === "completed"; epoch++) {
      const report = await runEpoch(run, epoch, trainRefs, valRefs, best);
      if (!report) {
        stopReason = "diverged";
        break;
      }
      epochs.push(report);
      await o.onEpoch?.(report);
      if (epoch - best.epoch >= o.patience) stopReason = "early_stopping";
    }
  } finally {
    best.restore();
    best.dispose();
    run.optimizer.dispose();
  }
  return {
    epochs,
    bestEpoch: best.epoch,
    bestLoss: best.loss,
    monitored: valRefs.length > 0 ? "validation" : "train",
    stopReason,
    trainWindows: trainRefs.length,
    validationWindows: valRefs.length,
    ms: performance.now() - started,
  };
}

/** One epoch and its validation; undefined when the training loss stopped being finite. */
async function runEpoch(
  run: Run,
  epoch: number,
  trainRefs: readonly WindowRef[],
  valRefs: readonly WindowRef[],
  best: BestWeights,
): Promise<EpochReport | undefined> {
  const started = performance.now();
  const beta = run.net.usesBeta ? klBeta(epoch, run.options.beta) : 0;
  const losses = await fitEpoch(run, shuffle([...trainRefs], run.rng), beta);
  if (!Number.isFinite(losses.loss)) return undefined;
  const batch = evaluationBatchSize(run.options.batchSize);
  const valLoss = await reconstructionLoss(run.net, run.data.validation, valRefs, run.shape, batch);
  best.offer(epoch, valRefs.length > 0 ? valLoss : losses.nll);
  return {
    epoch,
    trainLoss: losses.loss,
    trainNll: losses.nll,
    trainKl: losses.kl,
    valLoss,
    beta,
    ms: performance.now() - started,
    bestEpoch: best.epoch,
    bestLoss: best.loss,
  };
}

async function fitEpoch(run: Run, refs: readonly WindowRef[], beta: number): Promise<EpochLosses> {
  const sums: EpochLosses = { loss: 0, nll: 0, kl: 0 };
  const groups = batches(refs, run.options.batchSize);
  for (const [i, group] of groups.entries()) {
    throwIfAborted(run.options.signal);
    const parts = trainStep(run, group, beta, run.rng.int(2 ** 31 - 1));
    const [loss, nll, kl] = await Promise.all(parts.map((p) => p.data()));
    tf.dispose(parts);
    sums.loss += (loss?.[0] ?? Number.NaN) * group.length;
    sums.nll += (nll?.[0] ?? Number.NaN) * group.length;
    sums.kl += (kl?.[0] ?? Number.NaN) * group.length;
    if (!Number.isFinite(sums.loss)) break;
    run.options.onBatch?.(i + 1, groups.length);
    await yieldToEventLoop();
  }
  return { loss: sums.loss / refs.length, nll: sums.nll / refs.length, kl: sums.kl / refs.length };
}

/** Forward, backward and one AMSGrad update; returns [loss, nll, kl] of the batch (caller disposes). */
function trainStep(run: Run, group: readonly WindowRef[], beta: number, seed: number): tf.Scalar[] {
  const { windowSize, features } = run.shape;
  const x = tf.tensor3d(gatherWindows(run.data.train, group, windowSize, features), [group.length, windowSize, features]);
  let parts: tf.Scalar[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const p = run.net.lossParts(x, { beta, seed });
    parts = [tf.keep(p.nll), tf.keep(p.kl)];
    return p.loss;
  }, run.variables);
  run.optimizer.apply(run.variables.map((v) => grads[v.name]));
  tf.dispose([x, ...Object.values(grads)]);
  return [value, ...parts];
}

/**
 * Label-aware fine-tuning with ALOE's objective (Li, Qiu et al., ICML 2023; built on "Latent Outlier
 * Exposure", Qiu et al. 2022): starting from trained weights, the detector learns from the expert's
 * labels *and* from the unlabelled data, in two equally weighted halves per step.
 *
 * - Labelled windows: a labelled-normal window gets the detector's usual loss, its Gaussian NLL; a
 *   labelled-anomalous window gets a loss that rewards a *higher* NLL.
 * - Unlabelled windows get latent labels, re-assigned at the start of every epoch: the top α
 *   fraction by NLL are taken as anomalous and get the mean of both losses (LOE's "soft" form, as
 *   ALOE's reference code does), the rest the usual loss.
 *
 * The anomalous loss is a hinge, max(0, m − NLL), with m the largest NLL among the windows taken as
 * normal (labelled normal and latent normal) at the start of the epoch. Why bounded: a Gaussian NLL
 * has no upper limit — shrinking the predicted variance or moving the mean away raises it without end
 * — so the naive choice −NLL has no minimum: a few anomalous windows would drive the weights (and
 * every score) off to infinity, and the normal half could not hold them. The hinge is ≥ 0, vanishes
 * once an anomalous window scores above every normal one (which is all a threshold needs), and is in
 * the score's own units. LOE's −log(1 − e^−NLL) is bounded too but assumes NLL ≥ 0, which a Gaussian
 * density (log σ² < 0) does not give.
 *
 * The loss is the deterministic reconstruction NLL (the anomaly score itself): TeVAE's KL term and
 * input noise are left out while fine-tuning, which is short and starts from a trained encoder.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { AmsGrad } from "./amsgrad";
import { DetectorError } from "./errors";
import { gaussianNllPerWindow } from "./losses";
import type { Network } from "./network";
import { MAX_PREDICT_BATCH, throwIfAborted, yieldToEventLoop } from "./train-options";
import { batches, gatherWindows, shuffle, windowRefs, type WindowRef } from "./windows";

/** A labelled stretch [start, end) of sequence `sequence` (for an anomalous label, start = its onset). */
export type LabelledSpan = { sequence: number; start: number; end: number; anomalous: boolean };

export type LoeData = {
  /** Z-scored sequences: the training data and every sequence a label points into. */
  sequences: SeriesColumns[];
  spans: LabelledSpan[];
};

export type LoeOptions = {
  /** The contamination ratio of the unlabelled windows (the top α by NLL are latent anomalies), in [0, 1). */
  alpha: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** Cap on unlabelled windows per epoch, drawn from the seed (default all). */
  maxWindows?: number;
  signal?: AbortSignal;
  onEpoch?: (report: LoeEpoch) => void | Promise<void>;
};

export type LoeEpoch = {
  epoch: number;
  /** Mean objective over the epoch's steps. */
  loss: number;
  /** The hinge's margin m this epoch. */
  margin: number;
  /** Unlabelled windows taken as anomalous this epoch. */
  latentAnomalous: number;
  /** Mean NLL of the labelled-normal and labelled-anomalous windows before the epoch (NaN without any). */
  normalNll: number;
  anomalousNll: number;
};

export type LoeResult = { epochs: LoeEpoch[]; labelledNormal: number; labelledAnomalous: number; unlabelled: number };

/** Window roles: 0 labelled normal, 1 labelled anomalous, 2 latent normal, 3 latent anomalous. */
export type WindowRole = 0 | 1 | 2 | 3;

/** The ALOE loss of one window with NLL `nll` in role `role`, hinge margin `margin`. */
export function loeWindowLoss(nll: number, role: WindowRole, margin: number): number {
  const hinge = Math.max(0, margin - nll);
  if (role === 1) return hinge;
  if (role === 3) return 0.5 * nll + 0.5 * hinge;
  return nll;
}

/** The objective of one step: mean over the labelled windows + mean over the unlabelled ones (each half absent when empty). */
export function loeObjective(
  labelled: readonly [number, WindowRole][],
  unlabelled: readonly [number, WindowRole][],
  margin: number,
): number {
  const mean = (xs: readonly [number, WindowRole][]) =>
    xs.length === 0 ? 0 : xs.reduce((s, [nll, role]) => s + loeWindowLoss(nll, role, margin), 0) / xs.length;
  return mean(labelled) + mean(unlabelled);
}

/**
 * The windows (training shift) of the sequences, split by the spans: a window that overlaps an
 * anomalous span is labelled anomalous, one inside a normal span (and no anomalous one) labelled
 * normal, any other unlabelled.
 */
export function splitWindows(
  data: LoeData,
  windowSize: number,
  features: number,
): { normal: WindowRef[]; anomalous: WindowRef[]; unlabelled: WindowRef[] } {
  const normal: WindowRef[] = [];
  const anomalous: WindowRef[] = [];
  const unlabelled: WindowRef[] = [];
  for (const ref of windowRefs(data.sequences, windowSize, features)) {
    const end = ref.start + windowSize;
    const mine = data.spans.filter((s) => s.sequence === ref.sequence);
    if (mine.some((s) => s.anomalous && s.start < end && ref.start < s.end)) anomalous.push(ref);
    else if (mine.some((s) => !s.anomalous && s.start <= ref.start && end <= s.end)) normal.push(ref);
    else unlabelled.push(ref);
  }
  return { normal, anomalous, unlabelled };
}

/** Per-window NLL (deterministic forward pass), batched; a differentiable tensor when `keep`. */
function windowNll(net: Network, x: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const { mean, logVar } = net.predict(x);
    return gaussianNllPerWindow(x, mean, logVar);
  });
}

async function nllOf(
  net: Network,
  sequences: readonly SeriesColumns[],
  refs: readonly WindowRef[],
  windowSize: number,
  features: number,
): Promise<Float32Array> {
  const out = new Float32Array(refs.length);
  let at = 0;
  for (const group of batches(refs, MAX_PREDICT_BATCH)) {
    const x = tf.tensor3d(gatherWindows(sequences, group, windowSize, features), [group.length, windowSize, features]);
    const nll = windowNll(net, x);
    out.set(await nll.data(), at);
    tf.dispose([x, nll]);
    at += group.length;
  }
  return out;
}

const meanOf = (xs: ArrayLike<number>) => (xs.length === 0 ? Number.NaN : Array.from(xs).reduce((s, v) => s + v, 0) / xs.length);

/** Fine-tunes the network in place with the ALOE objective; the last epoch's weights are kept. */
export async function fineTuneLoe(
  net: Network,
  data: LoeData,
  shape: { windowSize: number; features: number },
  options: LoeOptions,
): Promise<LoeResult> {
  const { windowSize, features } = shape;
  if (!(options.alpha >= 0 && options.alpha < 1))
    throw new DetectorError("invalid_option", `alpha must be in [0, 1), got ${options.alpha}`);
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 32;
  const rng = createRng(options.seed ?? 0);
  const split = splitWindows(data, windowSize, features);
  let unlabelled = split.unlabelled;
  if (options.maxWindows !== undefined && unlabelled.length > options.maxWindows)
    unlabelled = shuffle([...unlabelled], rng).slice(0, options.maxWindows);
  const labelled: [WindowRef, WindowRole][] = [
    ...split.normal.map((r): [WindowRef, WindowRole] => [r, 0]),
    ...split.anomalous.map((r): [WindowRef, WindowRole] => [r, 1]),
  ];
  if (unlabelled.length === 0 && labelled.length === 0)
    throw new DetectorError("no_training_windows", `No sequence has ${windowSize} steps or more`);
  const variables = net.variables.map((v) => v.variable);
  const optimizer = new AmsGrad(variables, { learningRate: options.learningRate ?? 1e-3 });
  const reports: LoeEpoch[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      throwIfAborted(options.signal);
      // Latent labels and the margin, from this epoch's starting weights.
      const free = await nllOf(net, data.sequences, unlabelled, windowSize, features);
      const normalNll = await nllOf(net, data.sequences, split.normal, windowSize, features);
      const anomalousNll = await nllOf(net, data.sequences, split.anomalous, windowSize, features);
      const latentCount = Math.floor(options.alpha * free.length);
      const order = Array.from(free.keys()).sort((a, b) => free[b]! - free[a]! || a - b);
      const roles = new Uint8Array(free.length).fill(2);
      for (const i of order.slice(0, latentCount)) roles[i] = 3;
      let margin = -Infinity;
      free.forEach((v, i) => roles[i] === 2 && (margin = Math.max(margin, v)));
      normalNll.forEach((v) => (margin = Math.max(margin, v)));
      if (!Number.isFinite(margin)) margin = Math.max(...Array.from(free), ...Array.from(anomalousNll), 0);
      const steps = shuffle(Array.from(unlabelled.keys()), rng);
      const groups = batches(steps, batchSize);
      const count = Math.max(1, groups.length);
      let sum = 0;
      for (let g = 0; g < count; g++) {
        throwIfAborted(options.signal);
        const group = groups[g] ?? [];
        const sample =
          labelled.length === 0
            ? []
            : Array.from({ length: Math.min(batchSize, labelled.length) }, () => labelled[rng.int(labelled.length)]!);
        const halves = [
          { refs: group.map((i) => unlabelled[i]!), roles: group.map((i) => roles[i]!) },
          { refs: sample.map(([r]) => r), roles: sample.map(([, role]) => role) },
        ].filter((h) => h.refs.length > 0);
        const tensors = halves.map((h) => ({
          x: tf.tensor3d(gatherWindows(data.sequences, h.refs, windowSize, features), [h.refs.length, windowSize, features]),
          normal: tf.tensor1d(h.roles.map((r) => (r === 0 || r === 2 ? 1 : r === 3 ? 0.5 : 0))),
          anomalous: tf.tensor1d(h.roles.map((r) => (r === 1 ? 1 : r === 3 ? 0.5 : 0))),
        }));
        const { value, grads } = tf.variableGrads(() => {
          const parts = tensors.map((t) => {
            const nll = windowNll(net, t.x);
            const hinge = tf.relu(tf.sub(margin, nll));
            return tf.mean(tf.add(tf.mul(t.normal, nll), tf.mul(t.anomalous, hinge)));
          });
          return tf.reshape<tf.Rank.R0>(
            parts.reduce((a, b) => tf.add(a, b)),
            [],
          );
        }, variables);
        optimizer.apply(variables.map((v) => grads[v.name]));
        sum += (await value.data())[0] ?? Number.NaN;
        tf.dispose([value, ...Object.values(grads), ...tensors.flatMap((t) => [t.x, t.normal, t.anomalous])]);
        await yieldToEventLoop();
      }
      const report: LoeEpoch = {
        epoch,
        loss: sum / count,
        margin,
        latentAnomalous: latentCount,
        normalNll: meanOf(normalNll),
        anomalousNll: meanOf(anomalousNll),
      };
      if (!Number.isFinite(report.loss))
        throw new DetectorError("invalid_option", "Fine-tuning diverged (the loss stopped being finite): lower the learning rate");
      reports.push(report);
      await options.onEpoch?.(report);
    }
  } finally {
    optimizer.dispose();
  }
  return { epochs: reports, labelledNormal: split.normal.length, labelledAnomalous: split.anomalous.length, unlabelled: unlabelled.length };
}

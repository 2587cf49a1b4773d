/**
 * TimeVQVAE-AD (Lee, Malacarne and Aune, "Explainable time series anomaly detection using masked
 * latent generative modeling", Pattern Recognition 2024; docs/algorithms.md §5.2), small enough to
 * train in a browser worker. Every channel of a window goes through the same VQ-VAEs on its own; the
 * prior sees all channels' tokens together:
 *
 *   channel ─► STFT (Hann, nFft, hop) ─► low band (bins < lowBins) │ high band (the rest)
 *   stage 1, per band: frames ─► conv encoder ─► nearest code (VQ) ─► conv decoder ─► frames
 *   stage 2: per band and frame, the sum of every channel's token embedding; the two bands' frames
 *            side by side ─► bidirectional transformer ─► every channel's logits per band and frame
 *
 * Stage 1 trains the two VQ-VAEs (squared error of the band's STFT frames + codebook loss +
 * commitment·commitment loss); stage 2 then trains the prior by masked token modelling: a random
 * fraction cos(π/2·u), u ~ U(0, 1), of the (channel, frame) tokens is masked in both bands and the
 * transformer predicts them (cross-entropy). 40 % of the epochs (rounded up) are stage 1, the rest
 * stage 2 (each epoch `priorPasses` passes over the windows), each with its own early stopping.
 *
 * Score: every frame of every channel is masked once, `maskSpan` neighbouring frames of one group of
 * channels at a time (both bands; the other channels stay visible), and its score is the negative
 * log-likelihood of the true tokens under the prior, per band;
 * frame scores are interpolated onto the steps (frame f is centred on step f·hop) and averaged over
 * the windows that cover a step. A step's channel score is the sum of its two bands'; the step's
 * score the sum over channels. The bands' scores are kept (`scoreBands`) to say which drives an alarm.
 *
 * Counterfactual (`counterfactual`): the frames over a stretch are masked in the band that drives its
 * score (or the bands asked for) and re-sampled from the prior in the context of the frames around
 * it, iteratively (the most confident tokens are kept first, as in MaskGIT), seeded; all tokens are
 * decoded and inverted back to the time axis: a likely-normal version of the stretch.
 */
import * as tf from "@tensorflow/tfjs";
import { extractWindows, scoringStarts } from "../preprocess";
import { createRng, type Rng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { AmsGrad } from "./amsgrad";
import {
  multiHeadAttention,
  attentionVariables,
  createAttentionWeights,
  initialiseAttention,
  type AttentionDims,
  type AttentionWeights,
} from "./attention";
import { BestWeights } from "./best-weights";
import { createDense, dense3d, denseVariables, initialiseDense, type DenseWeights } from "./dense";
import { DetectorError } from "./errors";
import { ExclusiveUse } from "./exclusive";
import { assignValues, zerosVariable, type NamedVariable } from "./init";
import { MAX_PREDICT_BATCH, resolveTrainOptions, throwIfAborted, yieldToEventLoop, type ResolvedTrainOptions } from "./train-options";
import type {
  Detector,
  EpochReport,
  SavedWeights,
  ScoreOptions,
  ScoreResult,
  StopReason,
  TimeVqvaeConfig,
  TrainData,
  TrainOptions,
  TrainResult,
} from "./types";
import {
  BANDS,
  bandBins,
  bandFeatures,
  binCount,
  emptySpectrum,
  frameCount,
  framesToSteps,
  hann,
  istft,
  setBandFeatures,
  stft,
  type Band,
} from "./stft";
import { quantise, nearestCodes } from "./vq";
import { assignBytes, weightsToBytes, type WeightBytes } from "./weights";
import { batches, checkColumns, sampleRefs, shuffle, windowRefs, type WindowRef } from "./windows";

// ─── networks ────────────────────────────────────────────────────────────────────────────────────

type Conv = { kernel: tf.Variable; bias: tf.Variable };
type Norm = { gamma: tf.Variable; beta: tf.Variable };

function createConv(size: number, input: number, output: number, rng: Rng): Conv {
  const kernel = zerosVariable([size, input, output]);
  const limit = Math.sqrt(6 / (size * (input + output)));
  assignValues(
    kernel,
    Float32Array.from({ length: size * input * output }, () => (2 * rng.next() - 1) * limit),
  );
  return { kernel, bias: zerosVariable([output]) };
}

const convVariables = (c: Conv, prefix: string): NamedVariable[] => [
  { name: `${prefix}/kernel`, variable: c.kernel },
  { name: `${prefix}/bias`, variable: c.bias },
];

/**
 * A 1-D convolution over the frames, "same" padding: [batch, frames, in] → [batch, frames, out].
 * Computed as one product of each window's flattened frames with the convolution's matrix
 * [frames·in, frames·out] (the kernel's taps placed on the diagonals a tap reaches), built from the
 * kernel by a product with a fixed 0/1 placement: tfjs's wasm backend has no gradient kernel for
 * conv1d's filter, and slicing per tap is slow on the CPU backends; matMul, reshape and transpose
 * train fast on every backend. Windows have few frames (⌊W/hop⌋ + 1), so the matrix stays small.
 */
export function conv(x: tf.Tensor3D, c: Conv): tf.Tensor3D {
  return tf.tidy(() => {
    const [size = 1, input = 1, output = 1] = c.kernel.shape;
    const [batch, frames] = x.shape;
    const half = (size - 1) / 2;
    // placement[(f·frames + g), k] = 1 when output frame g reads input frame f through tap k.
    const placement = new Float32Array(frames * frames * size);
    for (let g = 0; g < frames; g++) {
      for (let k = 0; k < size; k++) {
        const f = g + k - half;
        if (f >= 0 && f < frames) placement[(f * frames + g) * size + k] = 1;
      }
    }
    const blocks = tf.matMul(tf.tensor2d(placement, [frames * frames, size]), tf.reshape(c.kernel, [size, input * output]));
    const matrix = tf.reshape(tf.transpose(tf.reshape(blocks, [frames, frames, input, output]), [0, 2, 1, 3]), [
      frames * input,
      frames * output,
    ]);
    const y = tf.matMul(tf.reshape<tf.Rank.R2>(x, [batch, frames * input]), matrix);
    return tf.add(tf.reshape<tf.Rank.R3>(y, [batch, frames, output]), c.bias);
  });
}

function createNorm(width: number): Norm {
  const gamma = zerosVariable([width]);
  assignValues(gamma, new Float32Array(width).fill(1));
  return { gamma, beta: zerosVariable([width]) };
}

const normVariables = (n: Norm, prefix: string): NamedVariable[] => [
  { name: `${prefix}/gamma`, variable: n.gamma },
  { name: `${prefix}/beta`, variable: n.beta },
];

function layerNorm(x: tf.Tensor3D, n: Norm): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), n.gamma), n.beta);
}

function normalVariable(shape: number[], std: number, rng: Rng): tf.Variable {
  const v = zerosVariable(shape);
  assignValues(
    v,
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => std * rng.normal()),
  );
  return v;
}

/** One band's VQ-VAE over its STFT frames. */
type BandVq = { encoder: [Conv, Conv, Conv]; codebook: tf.Variable; decoder: [Conv, Conv, Conv] };

function createBandVq(c: TimeVqvaeConfig, input: number, rng: Rng): BandVq {
  return {
    encoder: [createConv(3, input, c.hidden, rng), createConv(3, c.hidden, c.hidden, rng), createConv(1, c.hidden, c.latent, rng)],
    codebook: normalVariable([c.codes, c.latent], 1, rng),
    decoder: [createConv(1, c.latent, c.hidden, rng), createConv(3, c.hidden, c.hidden, rng), createConv(3, c.hidden, input, rng)],
  };
}

const bandVqVariables = (w: BandVq, prefix: string): NamedVariable[] => [
  ...w.encoder.flatMap((c, i) => convVariables(c, `${prefix}/encoder/conv${i + 1}`)),
  { name: `${prefix}/codebook`, variable: w.codebook },
  ...w.decoder.flatMap((c, i) => convVariables(c, `${prefix}/decoder/conv${i + 1}`)),
];

const encode = (x: tf.Tensor3D, w: BandVq): tf.Tensor3D => conv(tf.relu(conv(tf.relu(conv(x, w.encoder[0])), w.encoder[1])), w.encoder[2]);
const decode = (q: tf.Tensor3D, w: BandVq): tf.Tensor3D => conv(tf.relu(conv(tf.relu(conv(q, w.decoder[0])), w.decoder[1])), w.decoder[2]);

type PriorLayer = { attention: AttentionWeights; norm1: Norm; ffn1: DenseWeights; ffn2: DenseWeights; norm2: Norm };
type Prior = {
  /**
   * Per band: features·(codes + 1) rows, channel ch's token k at row ch·(codes + 1) + k (k = codes is
   * the mask token). A frame's input is the sum of its channels' rows: one vector per frame and band.
   */
  tokens: Record<Band, tf.Variable>;
  position: tf.Variable;
  band: tf.Variable;
  layers: PriorLayer[];
  norm: Norm;
  head: Record<Band, DenseWeights>;
};

function attentionDims(c: TimeVqvaeConfig): AttentionDims {
  const keyDim = c.hidden / c.heads;
  return {
    heads: c.heads,
    keyDim,
    valueDim: keyDim,
    queryWidth: c.hidden,
    keyWidth: c.hidden,
    valueWidth: c.hidden,
    outputWidth: c.hidden,
  };
}

function createPrior(c: TimeVqvaeConfig, frames: number, rng: Rng): Prior {
  const layers = Array.from({ length: c.layers }, () => {
    const layer: PriorLayer = {
      attention: createAttentionWeights(attentionDims(c)),
      norm1: createNorm(c.hidden),
      ffn1: createDense(c.hidden, 2 * c.hidden),
      ffn2: createDense(2 * c.hidden, c.hidden),
      norm2: createNorm(c.hidden),
    };
    initialiseAttention(layer.attention, rng);
    initialiseDense(layer.ffn1, rng);
    initialiseDense(layer.ffn2, rng);
    return layer;
  });
  // Per band, every channel's logits at once: [hidden, features·codes].
  const head = { low: createDense(c.hidden, c.features * c.codes), high: createDense(c.hidden, c.features * c.codes) };
  initialiseDense(head.low, rng);
  initialiseDense(head.high, rng);
  return {
    tokens: {
      low: normalVariable([c.features * (c.codes + 1), c.hidden], 0.1, rng),
      high: normalVariable([c.features * (c.codes + 1), c.hidden], 0.1, rng),
    },
    position: normalVariable([frames, c.hidden], 0.1, rng),
    band: normalVariable([2, c.hidden], 0.1, rng),
    layers,
    norm: createNorm(c.hidden),
    head,
  };
}

const priorVariables = (p: Prior): NamedVariable[] => [
  { name: "prior/tokens/low", variable: p.tokens.low },
  { name: "prior/tokens/high", variable: p.tokens.high },
  { name: "prior/position", variable: p.position },
  { name: "prior/band", variable: p.band },
  ...p.layers.flatMap((l, i) => [
    ...attentionVariables(l.attention, `prior/layer${i + 1}/attention`),
    ...normVariables(l.norm1, `prior/layer${i + 1}/norm1`),
    ...denseVariables(l.ffn1, `prior/layer${i + 1}/ffn1`),
    ...denseVariables(l.ffn2, `prior/layer${i + 1}/ffn2`),
    ...normVariables(l.norm2, `prior/layer${i + 1}/norm2`),
  ]),
  ...normVariables(p.norm, "prior/norm"),
  ...denseVariables(p.head.low, "prior/head/low"),
  ...denseVariables(p.head.high, "prior/head/high"),
];

/**
 * Tokens [windows, features·frames] per band (int32, channel-major: channel ch's frame f at ch·frames
 * + f; the mask token is `codes`) → logits [windows, features·frames, codes] per band, same layout.
 * The transformer's sequence is the frames of both bands (2·frames positions); a position's input is
 * the sum of its channels' token embeddings (each channel has its own table) plus a frame position
 * and a band embedding, and its output head gives every channel's logits. So a masked channel sees
 * the other channels' tokens of the same frame directly, and the frames around it through attention.
 */
function priorLogits(p: Prior, c: TimeVqvaeConfig, low: tf.Tensor2D, high: tf.Tensor2D): Record<Band, tf.Tensor3D> {
  return tf.tidy(() => {
    const rows = low.shape[0];
    const channels = c.features;
    const frames = low.shape[1] / channels;
    const width = channels * (c.codes + 1);
    // Row of channel ch's token in its band's table: ch·(codes + 1) + token.
    const offsets = tf.tensor3d(
      Int32Array.from({ length: channels * frames }, (_, i) => Math.floor(i / frames) * (c.codes + 1)),
      [1, channels, frames],
      "int32",
    );
    // A multi-hot product rather than a gather: the gather's gradient has no kernel on tfjs's wasm backend.
    const embed = (band: Band, tokens: tf.Tensor2D, index: number) => {
      const rowsOf = tf.transpose(tf.add(tf.reshape(tokens, [rows, channels, frames]), offsets), [0, 2, 1]);
      const hot = tf.sum(tf.oneHot(tf.reshape(rowsOf, [rows * frames, channels]), width), 1);
      const summed = tf.reshape<tf.Rank.R3>(tf.matMul(hot, p.tokens[band]), [rows, frames, c.hidden]);
      return tf.add(tf.add(summed, p.position), tf.slice(p.band, [index, 0], [1, c.hidden]));
    };
    let x = tf.concat([embed("low", low, 0), embed("high", high, 1)], 1) as tf.Tensor3D;
    const dims = attentionDims(c);
    for (const layer of p.layers) {
      const h = layerNorm(x, layer.norm1);
      x = tf.add(x, multiHeadAttention(layer.attention, dims, { query: h, key: h, value: h }).output);
      x = tf.add(x, dense3d(tf.relu(dense3d(layerNorm(x, layer.norm2), layer.ffn1)), layer.ffn2));
    }
    x = layerNorm(x, p.norm);
    // [rows, frames, channels·codes] → [rows, channels·frames, codes] (channel-major, as the tokens).
    const logits = (part: tf.Tensor3D, head: DenseWeights) =>
      tf.reshape<tf.Rank.R3>(tf.transpose(tf.reshape(dense3d(part, head), [rows, frames, channels, c.codes]), [0, 2, 1, 3]), [
        rows,
        channels * frames,
        c.codes,
      ]);
    return {
      low: logits(tf.slice(x, [0, 0, 0], [rows, frames, c.hidden]), p.head.low),
      high: logits(tf.slice(x, [0, frames, 0], [rows, frames, c.hidden]), p.head.high),
    };
  });
}

/**
 * The negative log-likelihood of the true tokens [rows, frames] under the logits [rows, frames,
 * codes], where `mask` [rows, frames] is 1 and 0 elsewhere.
 */
export function maskedNll(logits: tf.Tensor3D, truth: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.cast(truth, "int32"), logits.shape[2])), -1);
    return tf.mul(tf.neg(picked), mask) as tf.Tensor2D;
  });
}

/**
 * The masks of the scoring passes, [passes][channels·frames] (channel-major): the channels fall into
 * `groups` groups (channel ch into group ch mod groups), and pass (s, g) masks frames [s·span, (s +
 * 1)·span) of group g's channels, so every frame of every channel is masked in exactly one pass and
 * sees the unmasked channels of its own frames. Passes = ⌈frames/span⌉ · min(groups, channels).
 */
export function scoringMasks(channels: number, frames: number, span: number, groups: number): Float32Array[] {
  const g = Math.max(1, Math.min(groups, channels));
  const spans = Math.ceil(frames / span);
  const masks: Float32Array[] = [];
  for (let s = 0; s < spans; s++) {
    for (let group = 0; group < g; group++) {
      const mask = new Float32Array(channels * frames);
      for (let ch = group; ch < channels; ch += g)
        for (let f = s * span; f < Math.min(frames, (s + 1) * span); f++) mask[ch * frames + f] = 1;
      masks.push(mask);
    }
  }
  return masks;
}

// ─── the model ───────────────────────────────────────────────────────────────────────────────────

/** One channel's band features, flat [frames·width] per band. */
type BandFrames = Record<Band, Float32Array>;
/** Tokens of many channel-windows, flat [rows·frames] per band. */
type Tokens = Record<Band, Int32Array>;

export type BandScores = {
  /** Per channel, per step: the low band's NLL (averaged over the windows covering the step). */
  low: Float32Array[];
  high: Float32Array[];
};

export type Counterfactual = {
  start: number;
  end: number;
  /** Per channel, the likely-normal values of steps [start, end) (z-scored units, like the input). */
  values: Float32Array[];
  /** The band whose NLL over the stretch is larger (summed over channels): what drives the score there. */
  band: Band;
  /** Mean NLL per step of each band over the stretch, summed over channels. */
  bandScores: Record<Band, number>;
};

export type CounterfactualOptions = {
  seed?: number;
  iterations?: number;
  /** The bands resampled; default: the band that drives the score (the other keeps the observed signal's tokens). */
  bands?: readonly Band[];
  signal?: AbortSignal;
};

class TimeVqvaeModel {
  readonly frames: number;
  readonly widths: Record<Band, number>;
  /** The features are the STFT divided by the window's sum, so a level keeps its size. */
  readonly scale: number;
  readonly vq: Record<Band, BandVq>;
  readonly prior: Prior;
  readonly stage1: NamedVariable[];
  readonly stage2: NamedVariable[];

  constructor(readonly c: TimeVqvaeConfig) {
    this.frames = frameCount(c.windowSize, c.hop);
    const bins = binCount(c.nFft);
    const width = (band: Band) => {
      const [from, to] = bandBins(band, bins, c.lowBins);
      return 2 * (to - from);
    };
    this.widths = { low: width("low"), high: width("high") };
    this.scale = hann(c.nFft).reduce((a, b) => a + b, 0);
    const rng = createRng(c.seed);
    this.vq = { low: createBandVq(c, this.widths.low, rng), high: createBandVq(c, this.widths.high, rng) };
    this.prior = createPrior(c, this.frames, rng);
    this.stage1 = [...bandVqVariables(this.vq.low, "low"), ...bandVqVariables(this.vq.high, "high")];
    this.stage2 = priorVariables(this.prior);
  }

  get variables(): NamedVariable[] {
    return [...this.stage1, ...this.stage2];
  }

  /** The band features of one window of one channel. */
  features(signal: ArrayLike<number>): BandFrames {
    const spectrum = stft(signal, this.c);
    return {
      low: bandFeatures(spectrum, "low", this.c.lowBins, this.scale),
      high: bandFeatures(spectrum, "high", this.c.lowBins, this.scale),
    };
  }

  /** Stacks the features of many channel-windows into [rows, frames, width] per band. */
  stack(rows: readonly BandFrames[], band: Band): tf.Tensor3D {
    const size = this.frames * this.widths[band];
    const out = new Float32Array(rows.length * size);
    rows.forEach((r, i) => out.set(r[band], i * size));
    return tf.tensor3d(out, [rows.length, this.frames, this.widths[band]]);
  }

  /** Stage 1's loss on a batch, and the codes it chose. */
  stage1Loss(x: Record<Band, tf.Tensor3D>): { loss: tf.Scalar; error: tf.Scalar; indices: tf.Tensor1D[] } {
    let loss: tf.Scalar = tf.scalar(0);
    let error: tf.Scalar = tf.scalar(0);
    const indices: tf.Tensor1D[] = [];
    for (const band of BANDS) {
      const input = x[band];
      const z = encode(input, this.vq[band]);
      const [rows, frames, latent] = z.shape;
      const q = quantise(tf.reshape<tf.Rank.R2>(z, [rows * frames, latent]), this.vq[band].codebook as tf.Tensor2D);
      const out = decode(tf.reshape<tf.Rank.R3>(q.quantised, [rows, frames, latent]), this.vq[band]);
      const squared = tf.mean(tf.square(tf.sub(out, input)));
      error = tf.add(error, squared);
      loss = tf.add(loss, tf.add(tf.add(squared, q.codebookLoss), tf.mul(q.commitmentLoss, this.c.commitment)));
      indices.push(q.indices);
    }
    return { loss, error, indices };
  }

  /** The tokens of channel-windows. */
  async tokens(rows: readonly BandFrames[]): Promise<Tokens> {
    const out = {} as Tokens;
    for (const band of BANDS) {
      const t = tf.tidy(() => {
        const z = encode(this.stack(rows, band), this.vq[band]);
        return nearestCodes(tf.reshape<tf.Rank.R2>(z, [rows.length * this.frames, this.c.latent]), this.vq[band].codebook as tf.Tensor2D);
      });
      out[band] = Int32Array.from(await t.data());
      t.dispose();
    }
    return out;
  }

  /** Decodes tokens [rows·frames] per band into each row's signal of windowSize steps. */
  async decodeTokens(tokens: Tokens, rows: number): Promise<Float32Array[]> {
    const spectra = Array.from({ length: rows }, () => emptySpectrum(this.frames, binCount(this.c.nFft)));
    for (const band of BANDS) {
      const t = tf.tidy(() => {
        const codes = tf.gather(this.vq[band].codebook, tf.tensor1d(tokens[band], "int32"));
        return decode(tf.reshape<tf.Rank.R3>(codes, [rows, this.frames, this.c.latent]), this.vq[band]);
      });
      const values = await t.data();
      t.dispose();
      const size = this.frames * this.widths[band];
      spectra.forEach((s, i) => setBandFeatures(s, band, this.c.lowBins, this.scale, values.subarray(i * size, (i + 1) * size)));
    }
    return spectra.map((s) => istft(s, this.c, this.c.windowSize));
  }

  /** The tokens with the mask token (`codes`) where mask is 1. */
  masked(tokens: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
    return tf.where(tf.greater(mask, 0.5), tf.fill(tokens.shape, this.c.codes, "int32"), tf.cast(tokens, "int32"));
  }

  /** Cross-entropy of the prior on masked tokens (mask [rows, frames], both bands), per masked token. */
  stage2Loss(tokens: Record<Band, tf.Tensor2D>, mask: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const logits = priorLogits(this.prior, this.c, this.masked(tokens.low, mask), this.masked(tokens.high, mask));
      const total = tf.add(tf.sum(maskedNll(logits.low, tokens.low, mask)), tf.sum(maskedNll(logits.high, tokens.high, mask)));
      return tf.div(total, tf.maximum(tf.mul(tf.sum(mask), 2), 1));
    });
  }

  /** Tokens of a window per band: every channel's frames. */
  get sequence(): number {
    return this.c.features * this.frames;
  }

  /** The scoring passes per window (scoringMasks). */
  get passes(): number {
    return Math.ceil(this.frames / this.c.maskSpan) * Math.min(this.c.maskGroups, this.c.features);
  }

  /**
   * Per channel-window (window-major, as `tokens`) and band, the NLL of every frame's true token when
   * it is masked (scoringMasks), flat [rows·frames] per band.
   */
  async frameNll(tokens: Tokens, rows: number): Promise<Record<Band, Float32Array>> {
    const length = this.sequence;
    const windows = rows / this.c.features;
    const masks = scoringMasks(this.c.features, this.frames, this.c.maskSpan, this.c.maskGroups);
    const passes = masks.length;
    const maskFlat = new Float32Array(passes * length);
    masks.forEach((m, p) => maskFlat.set(m, p * length));
    const out = tf.tidy(() => {
      const mask = tf.tile(tf.tensor2d(maskFlat, [passes, length]), [windows, 1]) as tf.Tensor2D;
      const truth = (band: Band) =>
        tf.reshape<tf.Rank.R2>(tf.tile(tf.reshape(tf.tensor1d(tokens[band], "int32"), [windows, 1, length]), [1, passes, 1]), [
          windows * passes,
          length,
        ]);
      const t = { low: truth("low"), high: truth("high") };
      const logits = priorLogits(this.prior, this.c, this.masked(t.low, mask), this.masked(t.high, mask));
      // Each frame is masked in one pass: the sum over the passes is its NLL.
      const perRow = (band: Band) => tf.sum(tf.reshape(maskedNll(logits[band], t[band], mask), [windows, passes, length]), 1);
      return [perRow("low"), perRow("high")];
    });
    const [low, high] = await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
    return { low: Float32Array.from(low ?? []), high: Float32Array.from(high ?? []) };
  }

  /** Prior probabilities [rows, frames, codes] per band for the given (partly masked) tokens of rows channel-windows. */
  async probabilities(tokens: Tokens, rows: number): Promise<Record<Band, Float32Array>> {
    const out = tf.tidy(() => {
      const t = (band: Band) => tf.tensor2d(tokens[band], [rows / this.c.features, this.sequence], "int32");
      const logits = priorLogits(this.prior, this.c, t("low"), t("high"));
      return [tf.softmax(logits.low), tf.softmax(logits.high)];
    });
    const [low, high] = await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
    return { low: Float32Array.from(low ?? []), high: Float32Array.from(high ?? []) };
  }

  dispose(): void {
    tf.dispose(this.variables.map((v) => v.variable));
  }
}

// ─── training ────────────────────────────────────────────────────────────────────────────────────

/** The channel-windows of the referenced windows: every channel of every window, window-major. */
function channelWindows(model: TimeVqvaeModel, sequences: readonly SeriesColumns[], refs: readonly WindowRef[]): BandFrames[] {
  const w = model.c.windowSize;
  return refs.flatMap(({ sequence, start }) =>
    (sequences[sequence] ?? []).map((column) => model.features(column.subarray(start, start + w))),
  );
}

/** A masked-token mask per row: a fraction cos(π/2·u) of the frames (at least one), seeded. */
export function trainingMask(rows: number, frames: number, rng: Rng): Float32Array {
  const mask = new Float32Array(rows * frames);
  for (let r = 0; r < rows; r++) {
    const ratio = Math.cos((Math.PI / 2) * rng.next());
    let any = false;
    for (let f = 0; f < frames; f++) {
      if (rng.next() < ratio) {
        mask[r * frames + f] = 1;
        any = true;
      }
    }
    if (!any) mask[r * frames + rng.int(frames)] = 1;
  }
  return mask;
}

type StageRun = {
  model: TimeVqvaeModel;
  options: ResolvedTrainOptions;
  rng: Rng;
  epochs: EpochReport[];
  offset: number;
};

type StageResult = { best: number; bestEpoch: number; stopped: StopReason };

/** One stage: epochs of `step` over shuffled batches, validation, early stopping, best weights restored. */
async function runStage(
  run: StageRun,
  variables: NamedVariable[],
  epochs: number,
  rows: number,
  step: (batch: number[], optimizer: AmsGrad) => Promise<number>,
  validate: () => Promise<number>,
  afterEpoch?: () => void,
  passes = 1,
): Promise<StageResult> {
  const vars = variables.map((v) => v.variable);
  const optimizer = new AmsGrad(vars, { learningRate: run.options.learningRate });
  const best = new BestWeights(vars);
  let stopped: StopReason = "completed";
  try {
    for (let e = 0; e < epochs; e++) {
      const started = performance.now();
      const order = Array.from({ length: passes }, () =>
        shuffle(
          Array.from({ length: rows }, (_, i) => i),
          run.rng,
        ),
      ).flat();
      const groups = batches(order, run.options.batchSize);
      let sum = 0;
      for (const [i, group] of groups.entries()) {
        throwIfAborted(run.options.signal);
        sum += (await step(group, optimizer)) * group.length;
        run.options.onBatch?.(i + 1, groups.length);
        await yieldToEventLoop();
      }
      const trainLoss = sum / order.length;
      if (!Number.isFinite(trainLoss)) {
        stopped = "diverged";
        break;
      }
      afterEpoch?.();
      const valLoss = await validate();
      const epoch = run.offset + e;
      best.offer(epoch, Number.isFinite(valLoss) ? valLoss : trainLoss);
      const report: EpochReport = {
        epoch,
        trainLoss,
        trainNll: trainLoss,
        trainKl: 0,
        valLoss,
        beta: 0,
        ms: performance.now() - started,
        bestEpoch: best.epoch,
        bestLoss: best.loss,
      };
      run.epochs.push(report);
      await run.options.onEpoch?.(report);
      if (epoch - best.epoch >= run.options.patience) {
        stopped = "early_stopping";
        break;
      }
    }
    return { best: best.loss, bestEpoch: best.epoch, stopped };
  } finally {
    best.restore();
    best.dispose();
    optimizer.dispose();
  }
}

function applyStep(variables: NamedVariable[], optimizer: AmsGrad, loss: () => tf.Scalar): tf.Scalar {
  const vars = variables.map((v) => v.variable);
  const { value, grads } = tf.variableGrads(loss, vars);
  optimizer.apply(vars.map((v) => grads[v.name]));
  tf.dispose(Object.values(grads));
  return value;
}

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0] ?? Number.NaN;
  t.dispose();
  return v;
}

/** Rows of a flat [rows·frames] array. */
function pickRows<T extends Int32Array | Float32Array>(tokens: T, rows: readonly number[], frames: number): T {
  const out = new (tokens.constructor as new (n: number) => T)(rows.length * frames);
  rows.forEach((r, i) => out.set(tokens.subarray(r * frames, (r + 1) * frames), i * frames));
  return out;
}

/** Resets the codes no row chose in the epoch to random encoder outputs (keeps the codebook in use). */
function restartUnused(model: TimeVqvaeModel, band: Band, used: Uint8Array, data: readonly BandFrames[], rng: Rng): void {
  const unused = [...used.keys()].filter((k) => used[k] === 0);
  if (unused.length === 0 || data.length === 0) return;
  const sample = Array.from({ length: Math.min(data.length, 64) }, () => data[rng.int(data.length)] as BandFrames);
  tf.tidy(() => {
    const z = tf.reshape<tf.Rank.R2>(encode(model.stack(sample, band), model.vq[band]), [sample.length * model.frames, model.c.latent]);
    const picks = unused.map(() => rng.int(sample.length * model.frames));
    const book = model.vq[band].codebook;
    const rows = tf.unstack(book);
    const fresh = tf.gather(z, tf.tensor1d(picks, "int32"));
    const replaced = rows.map((row, k) => {
      const i = unused.indexOf(k);
      return i < 0 ? row : tf.squeeze(tf.slice(fresh, [i, 0], [1, model.c.latent]));
    });
    book.assign(tf.stack(replaced));
  });
}

/**
 * The epochs of stage 1 (the VQ-VAEs): 40 % of them, rounded up, the rest train the prior. The
 * VQ-VAEs' reconstruction levels off within a few epochs; the prior learns more slowly.
 */
export function stage1EpochsOf(epochs: number): number {
  return epochs <= 1 ? epochs : Math.ceil(0.4 * epochs);
}

async function trainModel(model: TimeVqvaeModel, data: TrainData, trainOptions?: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const o = resolveTrainOptions(trainOptions);
  const c = model.c;
  const rng = createRng(o.seed);
  const trainRefs = sampleRefs(windowRefs(data.train, c.windowSize, c.features), o.maxTrainWindows, rng);
  const valRefs = sampleRefs(windowRefs(data.validation, c.windowSize, c.features), o.maxValidationWindows, rng);
  if (trainRefs.length === 0) throw new DetectorError("no_training_windows", `No training sequence has ${c.windowSize} steps or more`);
  const train = channelWindows(model, data.train, trainRefs);
  const validation = channelWindows(model, data.validation, valRefs);
  const evalBatch = MAX_PREDICT_BATCH;
  const run: StageRun = { model, options: o, rng, epochs: [], offset: 0 };
  // The batch size counts windows; a window is `features` channel-windows.
  const rowsPerBatch = o.batchSize * c.features;
  const stage1Epochs = stage1EpochsOf(o.epochs);
  const stage2Epochs = o.epochs - stage1Epochs;
  const byRows = { ...o, batchSize: rowsPerBatch };

  // Stage 1: the VQ-VAEs. The codebooks start from encoder outputs and unused codes restart each epoch.
  for (const band of BANDS) restartUnused(model, band, new Uint8Array(c.codes), train, rng);
  const used = { low: new Uint8Array(c.codes), high: new Uint8Array(c.codes) };
  const stage1 = await runStage(
    { ...run, options: byRows },
    model.stage1,
    stage1Epochs,
    train.length,
    async (group, optimizer) => {
      const rows = group.map((i) => train[i] as BandFrames);
      const x = { low: model.stack(rows, "low"), high: model.stack(rows, "high") };
      let indices: tf.Tensor1D[] = [];
      const loss = applyStep(model.stage1, optimizer, () => {
        const parts = model.stage1Loss(x);
        indices = parts.indices.map((t) => tf.keep(t));
        return parts.loss;
      });
      const picked = await Promise.all(indices.map((t) => t.data()));
      BANDS.forEach((band, b) => picked[b]?.forEach((k) => (used[band][k] = 1)));
      tf.dispose([x.low, x.high, ...indices]);
      return scalar(loss);
    },
    async () => {
      if (validation.length === 0) return Number.NaN;
      let sum = 0;
      for (const group of batches(validation, evalBatch)) {
        const x = { low: model.stack(group, "low"), high: model.stack(group, "high") };
        sum += (await scalar(tf.tidy(() => model.stage1Loss(x).error))) * group.length;
        tf.dispose([x.low, x.high]);
      }
      return sum / validation.length;
    },
    () => {
      for (const band of BANDS) {
        restartUnused(model, band, used[band], train, rng);
        used[band].fill(0);
      }
    },
  );
  run.offset = run.epochs.length;

  // Stage 2: the prior, on the tokens of the trained VQ-VAEs.
  const trainTokens = await model.tokens(train);
  const valTokens = validation.length > 0 ? await model.tokens(validation) : { low: new Int32Array(0), high: new Int32Array(0) };
  // The prior's rows are windows: it sees every channel's tokens of a window at once.
  const valMask = trainingMask(valRefs.length, model.sequence, createRng(o.seed + 1));
  const f = model.sequence;
  const stage2 =
    stage2Epochs > 0
      ? await runStage(
          run,
          model.stage2,
          stage2Epochs,
          trainRefs.length,
          async (group, optimizer) => {
            const mask = tf.tensor2d(trainingMask(group.length, f, rng), [group.length, f]);
            const t = {
              low: tf.tensor2d(pickRows(trainTokens.low, group, f), [group.length, f], "int32"),
              high: tf.tensor2d(pickRows(trainTokens.high, group, f), [group.length, f], "int32"),
            };
            const loss = applyStep(model.stage2, optimizer, () => model.stage2Loss(t, mask));
            tf.dispose([mask, t.low, t.high]);
            return scalar(loss);
          },
          async () => {
            if (validation.length === 0) return Number.NaN;
            let sum = 0;
            for (const group of batches(
              valRefs.map((_, i) => i),
              evalBatch,
            )) {
              const loss = tf.tidy(() =>
                model.stage2Loss(
                  {
                    low: tf.tensor2d(pickRows(valTokens.low, group, f), [group.length, f], "int32"),
                    high: tf.tensor2d(pickRows(valTokens.high, group, f), [group.length, f], "int32"),
                  },
                  tf.tensor2d(pickRows(valMask, group, f), [group.length, f], "float32"),
                ),
              );
              sum += (await scalar(loss)) * group.length;
            }
            return sum / valRefs.length;
          },
          undefined,
          c.priorPasses,
        )
      : undefined;
  const last = stage2 ?? stage1;
  return {
    epochs: run.epochs,
    bestEpoch: Math.max(0, last.bestEpoch),
    bestLoss: last.best,
    monitored: valRefs.length > 0 ? "validation" : "train",
    stopReason: stage1.stopped === "diverged" ? "diverged" : last.stopped,
    trainWindows: trainRefs.length,
    validationWindows: valRefs.length,
    ms: performance.now() - started,
  };
}

// ─── scoring and counterfactuals ─────────────────────────────────────────────────────────────────

/** The detector's scoring shift: at least half a window (every frame of a window is scored masked, so few windows suffice). */
export function timeVqvaeShift(windowSize: number, shift: number): number {
  return Math.min(windowSize, Math.max(shift, Math.floor(windowSize / 2)));
}

function edgePad(column: Float32Array, size: number): Float32Array {
  const out = new Float32Array(Math.max(size, column.length));
  out.set(column);
  out.fill(column[column.length - 1] ?? 0, column.length);
  return out;
}

type Scored = ScoreResult & { bands: BandScores };

async function scoreModel(model: TimeVqvaeModel, input: SeriesColumns, options: ScoreOptions): Promise<Scored> {
  const c = model.c;
  const length = checkColumns(input, c.features);
  const none = () => Array.from({ length: c.features }, () => new Float32Array(0));
  if (length === 0)
    return {
      score: new Float32Array(0),
      channelScores: none(),
      mean: none(),
      variance: none(),
      paddedSteps: 0,
      bands: { low: none(), high: none() },
    };
  const columns = length < c.windowSize ? input.map((col) => edgePad(col, c.windowSize)) : input;
  const padded = columns[0]?.length ?? 0;
  const shift = options.shift ?? 1;
  if (!Number.isInteger(shift) || shift < 1 || shift > c.windowSize) {
    throw new DetectorError("invalid_option", `shift must be a whole number in [1, ${c.windowSize}] (the window size)`);
  }
  const starts = scoringStarts(padded, c.windowSize, timeVqvaeShift(c.windowSize, shift));
  // Each window is `passes` sequences of 2·frames positions: at most 2^16 positions and 2^24 attention weights per batch.
  const tokensPerWindow = model.passes * 2 * model.frames;
  const attentionPerWindow = tokensPerWindow * 2 * model.frames * c.heads;
  const windowsPerBatch = Math.max(
    1,
    Math.min(options.batchSize ?? 256, Math.floor(2 ** 16 / tokensPerWindow), Math.floor(2 ** 24 / attentionPerWindow)),
  );
  const sums = { low: columns.map(() => new Float64Array(padded)), high: columns.map(() => new Float64Array(padded)) };
  const recon = columns.map(() => new Float64Array(padded));
  const counts = new Uint32Array(padded);
  const groups = batches(starts, windowsPerBatch);
  for (const [g, group] of groups.entries()) {
    throwIfAborted(options.signal);
    const windows = extractWindows(columns, group, c.windowSize);
    const rows: BandFrames[] = [];
    for (let w = 0; w < group.length; w++) {
      for (let ch = 0; ch < c.features; ch++) {
        const signal = new Float32Array(c.windowSize);
        for (let t = 0; t < c.windowSize; t++) signal[t] = windows[(w * c.windowSize + t) * c.features + ch] ?? 0;
        rows.push(model.features(signal));
      }
    }
    const tokens = await model.tokens(rows);
    const nll = await model.frameNll(tokens, rows.length);
    const decoded = await model.decodeTokens(tokens, rows.length);
    group.forEach((start, w) => {
      for (let t = 0; t < c.windowSize; t++) counts[start + t] = (counts[start + t] ?? 0) + 1;
      for (let ch = 0; ch < c.features; ch++) {
        const row = w * c.features + ch;
        for (const band of BANDS) {
          const steps = framesToSteps(nll[band].subarray(row * model.frames, (row + 1) * model.frames), c.hop, c.windowSize);
          const sum = sums[band][ch] as Float64Array;
          for (let t = 0; t < c.windowSize; t++) sum[start + t] = (sum[start + t] ?? 0) + (steps[t] ?? 0);
        }
        const r = recon[ch] as Float64Array;
        const d = decoded[row] as Float32Array;
        for (let t = 0; t < c.windowSize; t++) r[start + t] = (r[start + t] ?? 0) + (d[t] ?? 0);
      }
    });
    options.onProgress?.(g + 1, groups.length);
    if (g + 1 < groups.length) await yieldToEventLoop();
  }
  const score = new Float32Array(length);
  const bands: BandScores = { low: [], high: [] };
  const channelScores: Float32Array[] = [];
  const mean: Float32Array[] = [];
  const variance: Float32Array[] = [];
  for (let ch = 0; ch < c.features; ch++) {
    const low = new Float32Array(length);
    const high = new Float32Array(length);
    const total = new Float32Array(length);
    const m = new Float32Array(length);
    let squares = 0;
    for (let t = 0; t < length; t++) {
      const n = counts[t] ?? 1;
      low[t] = (sums.low[ch]?.[t] ?? 0) / n;
      high[t] = (sums.high[ch]?.[t] ?? 0) / n;
      total[t] = (low[t] ?? 0) + (high[t] ?? 0);
      score[t] = (score[t] ?? 0) + (total[t] ?? 0);
      m[t] = (recon[ch]?.[t] ?? 0) / n;
      squares += ((input[ch]?.[t] ?? 0) - (m[t] ?? 0)) ** 2;
    }
    bands.low.push(low);
    bands.high.push(high);
    channelScores.push(total);
    mean.push(m);
    // No per-step variance in this model: the channel's mean squared reconstruction error over the sequence.
    variance.push(new Float32Array(length).fill(squares / length));
  }
  return { score, channelScores, mean, variance, paddedSteps: Math.max(0, c.windowSize - length), bands };
}

/**
 * MaskGIT-style decoding of the masked positions of `tokens` (in place): `iterations` rounds, each
 * samples every masked position from the prior (seeded) and keeps the most confident samples, so
 * that after round i a fraction cos(π/2 · i / iterations) of the positions is still masked.
 */
async function resample(
  model: TimeVqvaeModel,
  tokens: Tokens,
  rows: number,
  iterations: number,
  rng: Rng,
  signal?: AbortSignal,
): Promise<void> {
  const K = model.c.codes;
  const positions: { band: Band; index: number }[] = [];
  for (const band of BANDS) tokens[band].forEach((v, index) => v === K && positions.push({ band, index }));
  const total = positions.length;
  for (let i = 1; i <= iterations && positions.length > 0; i++) {
    throwIfAborted(signal);
    const probabilities = await model.probabilities(tokens, rows);
    const drawn = positions.map((p) => {
      const probs = probabilities[p.band].subarray(p.index * K, (p.index + 1) * K);
      let u = rng.next();
      let code = K - 1;
      for (let k = 0; k < K; k++) {
        u -= probs[k] ?? 0;
        if (u <= 0) {
          code = k;
          break;
        }
      }
      return { ...p, code, confidence: probs[code] ?? 0 };
    });
    const keepMasked = i === iterations ? 0 : Math.floor(total * Math.cos((Math.PI / 2) * (i / iterations)));
    const unmask = Math.max(1, positions.length - keepMasked);
    drawn.sort((a, b) => b.confidence - a.confidence);
    const chosen = drawn.slice(0, unmask);
    for (const d of chosen) tokens[d.band][d.index] = d.code;
    const done = new Set(chosen.map((d) => `${d.band}:${d.index}`));
    const rest = positions.filter((p) => !done.has(`${p.band}:${p.index}`));
    positions.length = 0;
    positions.push(...rest);
  }
}

async function counterfactualOf(
  model: TimeVqvaeModel,
  columns: SeriesColumns,
  start: number,
  end: number,
  options: CounterfactualOptions,
  bandMeans: Record<Band, number>,
): Promise<Counterfactual> {
  const c = model.c;
  const length = checkColumns(columns, c.features);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= length)) {
    throw new DetectorError("invalid_option", `The stretch [${start}, ${end}) does not lie within the ${length} steps`);
  }
  const rng = createRng(options.seed ?? 0);
  const iterations = options.iterations ?? 4;
  const band: Band = bandMeans.high > bandMeans.low ? "high" : "low";
  const resampled = options.bands ?? [band];
  if (!Number.isInteger(iterations) || iterations < 1) throw new DetectorError("invalid_option", "iterations must be a whole number ≥ 1");
  const padded = length < c.windowSize ? columns.map((col) => edgePad(col, c.windowSize)) : columns;
  const paddedLength = padded[0]?.length ?? 0;
  const half = c.nFft / 2;
  // Chunks of at most half a window less half an STFT window, each centred in a window: the frames
  // around a chunk stay unmasked, so the prior resamples it in the context of the observed signal
  // (with every frame masked it would draw a typical window of the training data, at its typical level).
  const chunk = Math.max(c.hop, Math.floor(c.windowSize / 2) - half);
  const values = columns.map(() => new Float32Array(end - start));
  for (let a = start; a < end; a += chunk) {
    const b = Math.min(end, a + chunk);
    const ws = Math.min(paddedLength - c.windowSize, Math.max(0, Math.floor((a + b - c.windowSize) / 2)));
    const rows = padded.map((col) => model.features(col.subarray(ws, ws + c.windowSize)));
    const tokens = await model.tokens(rows);
    // The frames centred on the chunk (within half a hop) are masked in the resampled bands.
    for (let f = 0; f < model.frames; f++) {
      const centre = ws + f * c.hop;
      if (centre >= a - c.hop / 2 && centre < b + c.hop / 2) {
        for (let r = 0; r < rows.length; r++) for (const band of resampled) tokens[band][r * model.frames + f] = c.codes;
      }
    }
    await resample(model, tokens, rows.length, iterations, rng, options.signal);
    const decoded = await model.decodeTokens(tokens, rows.length);
    decoded.forEach((d, ch) => (values[ch] as Float32Array).set(d.subarray(a - ws, b - ws), a - start));
  }
  return { start, end, values, band, bandScores: bandMeans };
}

// ─── the detector ────────────────────────────────────────────────────────────────────────────────

export class TimeVqvaeDetector implements Detector {
  readonly kind = "timevqvae" as const;
  private readonly model: TimeVqvaeModel;
  private readonly use = new ExclusiveUse();

  constructor(readonly config: TimeVqvaeConfig) {
    this.model = new TimeVqvaeModel(config);
  }

  get parameterCount(): number {
    return this.model.variables.reduce((n, v) => n + v.variable.size, 0);
  }

  train(data: TrainData, options?: TrainOptions): Promise<TrainResult> {
    return this.use.run(() => trainModel(this.model, data, options));
  }

  /** Mean masked-token NLL per window (the step scores' mean times the window size) over the sequences. */
  evaluate(sequences: SeriesColumns[]): Promise<number> {
    return this.use.run(async () => {
      let sum = 0;
      let steps = 0;
      for (const columns of sequences) {
        const { score } = await scoreModel(this.model, columns, { shift: this.config.windowSize });
        for (const v of score) sum += v;
        steps += score.length;
      }
      return steps > 0 ? (sum / steps) * this.config.windowSize : Number.NaN;
    });
  }

  score(columns: SeriesColumns, options: ScoreOptions = {}): Promise<ScoreResult> {
    return this.use.run(async () => {
      const { bands: _bands, ...result } = await scoreModel(this.model, columns, options);
      return result;
    });
  }

  /** The scores with each band's part kept. */
  scoreBands(columns: SeriesColumns, options: ScoreOptions = {}): Promise<Scored> {
    return this.use.run(() => scoreModel(this.model, columns, options));
  }

  /** A likely-normal version of steps [start, end) of the (z-scored) sequence, and the band that drives its score. */
  counterfactual(columns: SeriesColumns, start: number, end: number, options: CounterfactualOptions = {}): Promise<Counterfactual> {
    return this.use.run(async () => {
      // The bands' scores over the stretch, from the windows around it.
      const length = checkColumns(columns, this.config.features);
      const from = Math.max(0, Math.min(start, length - this.config.windowSize));
      const to = Math.min(length, Math.max(end, from + this.config.windowSize));
      const around = columns.map((col) => col.slice(from, to));
      const { bands } = await scoreModel(this.model, around, { shift: 1 });
      const mean = (band: Band) => {
        let sum = 0;
        for (const channel of bands[band]) for (let t = start - from; t < end - from; t++) sum += channel[t] ?? 0;
        return sum / Math.max(1, end - start);
      };
      return counterfactualOf(this.model, columns, start, end, options, { low: mean("low"), high: mean("high") });
    });
  }

  save(): Promise<SavedWeights> {
    return this.use.run(async () => ({ kind: this.kind, config: this.config, ...(await weightsToBytes(this.model.variables)) }));
  }

  load(weights: WeightBytes): void {
    this.use.assertUsable();
    try {
      assignBytes(this.model.variables, weights);
    } catch (error) {
      // Models saved before the prior saw every channel (one token table per channel) have other shapes.
      if (!(error instanceof DetectorError) || error.code !== "invalid_weights") throw error;
      throw new DetectorError(
        "invalid_weights",
        `These TimeVQVAE-AD weights do not fit this version of the detector (${error.message}); a run saved before its prior saw every channel must be trained again.`,
      );
    }
  }

  dispose(): void {
    if (this.use.dispose()) this.model.dispose();
  }
}

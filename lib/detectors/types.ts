/**
 * The interface every anomaly detector shares (docs/algorithms.md §2), so that TeVAE and cheaper
 * baselines can be trained, scored, saved and compared the same way. Inputs are z-scored by the
 * caller; series are channel-major (SeriesColumns).
 */
import type { SeriesColumns } from "../series/types";
import type { BetaSchedule } from "./beta-schedule";
import type { DetectorKind, DetectorConfigs } from "./registry";

export { DETECTOR_KINDS, type DetectorKind, type DetectorConfigs } from "./registry";

/** TeVAE, resolved: every size explicit, as saved with the weights. */
export type TeVaeConfig = {
  features: number;
  windowSize: number;
  /** h: the BiLSTMs have 2h and h units per direction (default 16·features). */
  hidden: number;
  /** Latent width per step (default max(1, ⌊features/2⌋)). */
  latent: number;
  /** Attention heads (default 8). */
  heads: number;
  /** Key (and value) width per head (default max(1, ⌊features/8⌋)). */
  keyDim: number;
  /** Standard deviation of the Gaussian noise added to the encoder input while training (default 0.01). */
  noiseStd: number;
  /** Seed of the weight initialisation (default 0). */
  seed: number;
};

/** LSTM autoencoder, resolved. */
export type LstmAeConfig = {
  features: number;
  windowSize: number;
  /** Units of the encoder and decoder LSTM (default 8·features). */
  hidden: number;
  /** Width of the per-window latent vector (default max(1, ⌊features/2⌋)). */
  latent: number;
  /** Seed of the weight initialisation (default 0). */
  seed: number;
};

/** WAVAE (wavae.ts), resolved. */
export type WavaeConfig = {
  features: number;
  windowSize: number;
  /** Units of the encoder, decoder (and discriminator) LSTM (default 4·features). */
  hidden: number;
  /** Width of the per-window latent vector (default max(2, ⌊features/2⌋)). */
  latent: number;
  /** Standard deviation of the jitter added to the augmented copy (default 0.05, z-scored units). */
  jitterStd: number;
  /** Standard deviation of the augmented copy's per-channel scale around 1 (default 0.05). */
  scaleStd: number;
  /** Largest time shift of the augmented copy, in steps (default max(1, ⌊windowSize/16⌋)). */
  maxShift: number;
  /** Temperature of the InfoNCE term (default 0.2). */
  temperature: number;
  /** Weight of the InfoNCE term (default 1). */
  contrastiveWeight: number;
  /** Weight of the adversarial term; 0 (default) trains without a discriminator. */
  adversarialWeight: number;
  /** Seed of the weight initialisation (default 0). */
  seed: number;
};

/** TimeVQVAE-AD (timevqvae.ts), resolved. Every channel goes through the same networks (channel-independent). */
export type TimeVqvaeConfig = {
  features: number;
  windowSize: number;
  /** STFT window length in steps, even (default 8). */
  nFft: number;
  /** Steps between STFT frames, at most nFft/2 (default nFft/2). */
  hop: number;
  /** Frequency bins of the low band, the rest are the high band (default 2: the Hann window spreads a level over bins 0 and 1). */
  lowBins: number;
  /** Width of the VQ-VAEs' convolutions and of the transformer prior (default 32). */
  hidden: number;
  /** Width of a code (default 8). */
  latent: number;
  /** Codes per band's codebook (default 32). */
  codes: number;
  /** Attention heads of the prior (default 2; must divide hidden). */
  heads: number;
  /** Transformer layers of the prior (default 1). */
  layers: number;
  /** Consecutive frames masked together when scoring (default 2). */
  maskSpan: number;
  /**
   * Channel groups masked in turn when scoring (default 8, at most the channels): a masked frame sees
   * the other groups' channels at the same frames.
   */
  maskGroups: number;
  /**
   * Passes over the training windows per epoch of stage 2, each with fresh masks (default 4): the
   * prior needs more steps than the VQ-VAEs, and its steps are cheap.
   */
  priorPasses: number;
  /** Weight of the commitment loss (default 0.25). */
  commitment: number;
  /** Seed of the weight initialisation (default 0). */
  seed: number;
};

/** Cross-channel linear regression (linear.ts), resolved. */
export type LinearConfig = {
  features: number;
  /** Not used by the model (it has no windows); kept for the shared interface and the run's records. */
  windowSize: number;
  /** Past steps of every channel among the regressors (default 2). */
  lags: number;
  /** Ridge penalty on the coefficients, in z-scored units (default 1). */
  ridge: number;
  /** Unused (the fit is closed-form and deterministic); kept for the shared interface (default 0). */
  seed: number;
};

/** What a resolver accepts: features and windowSize, the rest defaulted. */
export type SizedOptions<T extends { features: number; windowSize: number }> = Pick<T, "features" | "windowSize"> &
  Partial<Omit<T, "features" | "windowSize">>;
/** What createDetector accepts: features and windowSize, the rest defaulted. */
export type DetectorOptions = { [K in DetectorKind]: SizedOptions<DetectorConfigs[K]> };
export type DetectorConfig = DetectorConfigs[DetectorKind];

/** Already z-scored sequences; windows are cut with the training shift (half a window). */
export type TrainData = { train: SeriesColumns[]; validation: SeriesColumns[] };

export type TrainOptions = {
  /** Default 100. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Seed of shuffling, window sampling, input noise and latent sampling (default 0); the initial weights come from config.seed. */
  seed?: number;
  /** AMSGrad step size (default 1e-3). */
  learningRate?: number;
  /** Epochs without a lower validation loss before stopping (default 10; Infinity: never). */
  patience?: number;
  /** KL weight schedule (TeVAE only); see beta-schedule.ts for the defaults. */
  beta?: Partial<BetaSchedule>;
  /** Cap on training windows, sampled deterministically from the seed. */
  maxTrainWindows?: number;
  /** Cap on validation windows, sampled deterministically from the seed. */
  maxValidationWindows?: number;
  signal?: AbortSignal;
  onEpoch?: (report: EpochReport) => void | Promise<void>;
  onBatch?: (done: number, total: number) => void;
};

export type EpochReport = {
  /** 0-based. */
  epoch: number;
  /** Mean over the epoch's windows of NLL + β·KL. */
  trainLoss: number;
  /** Mean over the epoch's windows of the NLL alone. */
  trainNll: number;
  trainKl: number;
  /** Reconstruction loss (NLL per window, deterministic model) on the validation windows; NaN without any. */
  valLoss: number;
  beta: number;
  ms: number;
  /** The epoch whose weights are kept so far. */
  bestEpoch: number;
  bestLoss: number;
};

export type StopReason = "completed" | "early_stopping" | "diverged";

export type TrainResult = {
  epochs: EpochReport[];
  bestEpoch: number;
  /** The monitored loss of the best epoch (validation NLL, or training NLL without validation windows). */
  bestLoss: number;
  monitored: "validation" | "train";
  stopReason: StopReason;
  trainWindows: number;
  validationWindows: number;
  ms: number;
};

export type ScoreOptions = {
  /** Windows per predict call, 1–512 (default 256). */
  batchSize?: number;
  /** Steps between scored windows, 1 (the reference, default) up to the window size; see `scoringStarts`. */
  shift?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export type ScoreResult = {
  /** Per step: sum over channels of the Gaussian NLL. */
  score: Float32Array;
  /** Per channel, per step: the Gaussian NLL. */
  channelScores: Float32Array[];
  /** Output mean, reverse-windowed with "mean". */
  mean: SeriesColumns;
  /** Output variance exp(log σ²), reverse-windowed with "mean". */
  variance: SeriesColumns;
  /** Steps of edge padding added to a sequence shorter than the window (0 otherwise). */
  paddedSteps: number;
};

export type WeightSpec = { name: string; shape: number[]; dtype: "float32" };

/** A detector's configuration and weights: JSON-able header plus the bytes. */
export type SavedWeights = {
  kind: DetectorKind;
  config: DetectorConfig;
  specs: WeightSpec[];
  /** The weights in `specs` order, little-endian float32, concatenated. */
  data: Uint8Array;
};

export interface Detector {
  readonly kind: DetectorKind;
  readonly config: DetectorConfig;
  readonly parameterCount: number;
  /** Trains in place; the best epoch's weights are kept. */
  train(data: TrainData, options?: TrainOptions): Promise<TrainResult>;
  /** Reconstruction loss (mean NLL per window, training shift, deterministic model) of the sequences. */
  evaluate(sequences: SeriesColumns[], options?: { batchSize?: number }): Promise<number>;
  score(columns: SeriesColumns, options?: ScoreOptions): Promise<ScoreResult>;
  save(): Promise<SavedWeights>;
  dispose(): void;
}

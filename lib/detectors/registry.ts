/**
 * The detector registry: for each detector, everything the app, the API, the run form and page, the
 * query panel, the evaluation harness and the benchmarks need to know about it, in one entry. Pure
 * (no TensorFlow.js): pages and forms import it. The one thing it leaves out is how to build the
 * model, which needs TensorFlow.js: that is the kind's line in `implementations.ts` (the compiler
 * insists on it). docs/extending.md walks through adding a detector.
 */
import { resolveLinearConfig, resolveLstmAeConfig, resolveTeVaeConfig, resolveTimeVqvaeConfig, resolveWavaeConfig } from "./config";
import type { LinearConfig, LstmAeConfig, SizedOptions, TeVaeConfig, TimeVqvaeConfig, WavaeConfig } from "./types";

/** The run-form fields a detector may use besides window and seed (which every detector has). */
export type FormSetting = "epochs" | "batchSize" | "learningRate" | "patience" | "hidden" | "latent" | "maxTrainWindows";

/** The fields of every detector trained by gradient descent in epochs. */
export const GRADIENT_SETTINGS: readonly FormSetting[] = [
  "epochs",
  "batchSize",
  "learningRate",
  "patience",
  "hidden",
  "latent",
  "maxTrainWindows",
];

/** The run form's starting values for a detector (the user may change every one). */
export type FormDefaults = {
  epochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  hiddenPerChannel: number;
  /** Empty (all windows) when unset. */
  maxTrainWindows?: number;
};

/**
 * The run form's defaults for the detectors that train in epochs, chosen with the harness to finish
 * on the demo in minutes on two CPU cores (docs/algorithms.md §6; the window and the scoring shift are
 * in lib/runs/defaults.ts): TeVAE's h at 4·features, at most 30 epochs of 1,024 windows, patience 5.
 */
const FORM_DEFAULTS: FormDefaults = {
  epochs: 30,
  batchSize: 64,
  learningRate: 0.001,
  patience: 5,
  hiddenPerChannel: 4,
  maxTrainWindows: 1024,
};

/** One benchmark row: the hidden width as a multiple of the channels; `fullOnly` rows are skipped by quick runs. */
export type BenchEntry = { hiddenPerFeature: number; fullOnly?: boolean };

export type DetectorSpec<C extends { features: number; windowSize: number } = { features: number; windowSize: number }> = {
  /** How the run form and the run page name it. */
  label: string;
  /** Its resolved configuration (every field explicit, saved with the weights) from the options given. */
  resolve(options: SizedOptions<C>): C;
  /**
   * "gradient": trained in epochs by the shared loop (loss chart, epochs, early stopping, time estimate);
   * "closed-form": fitted in one pass (no epochs, no loss curve).
   */
  training: "gradient" | "closed-form";
  /** For a detector that does not run on TensorFlow.js: why the chosen backend does not matter (shown beside it). */
  backendNote?: string;
  /** Whether it scores windows of config.windowSize steps (the query panel sizes segments by them). */
  windowed: boolean;
  form: {
    /** The run-form fields it uses besides window and seed. */
    settings: readonly FormSetting[];
    defaults: FormDefaults;
    /** The hidden field's placeholder (what an empty field means) and tooltip. */
    hiddenHint?: { placeholder: (channels: number) => string; title?: string };
    /** A line under the form when it is chosen. */
    note?: string;
  };
  /** Whether it explains an alarmed stretch with a counterfactual (the labelling page and the sequence view draw it). */
  counterfactuals?: boolean;
  /** Why ALOE's refinement (docs/algorithms.md §8.4) does not apply to it; absent when it does. */
  noRefine?: string;
  /** What the run page says instead of the loss chart (closed-form detectors). */
  fittedNote?: string;
  /** The settings the run page shows, from the stored run config; default: every stored field. */
  shownSettings?: (stored: Record<string, unknown>) => Record<string, unknown>;
  harness: {
    /** `npm run eval`'s default --hidden, per channel. */
    hiddenPerChannel: number;
    /** The --detector line of `npm run eval -- --help`. */
    help: string;
    /** The report's settings line, for a detector whose training flags do not apply; default: the generic one. */
    note?: string;
  };
  /** Its rows in `npm run bench -- detectors` and the browser benchmark (8 channels). */
  bench: readonly BenchEntry[];
};

const num = (stored: Record<string, unknown>, key: string) => (typeof stored[key] === "number" ? (stored[key] as number) : undefined);

export const DETECTORS = {
  tevae: {
    label: "TeVAE",
    resolve: resolveTeVaeConfig,
    training: "gradient",
    windowed: true,
    form: {
      settings: GRADIENT_SETTINGS,
      defaults: FORM_DEFAULTS,
      hiddenHint: {
        placeholder: (channels) => `${16 * channels} (16·features)`,
        title: "The reference TeVAE uses h = 16·features; on a machine without a GPU 4·features keeps TeVAE training to minutes",
      },
    },
    harness: { hiddenPerChannel: 1, help: "TeVAE (~4× slower per step than the LSTM-AE)" },
    bench: [{ hiddenPerFeature: 4 }, { hiddenPerFeature: 16, fullOnly: true }],
  } satisfies DetectorSpec<TeVaeConfig>,
  "lstm-ae": {
    label: "LSTM autoencoder",
    resolve: resolveLstmAeConfig,
    training: "gradient",
    windowed: true,
    form: {
      settings: GRADIENT_SETTINGS,
      defaults: FORM_DEFAULTS,
      hiddenHint: { placeholder: (channels) => `${8 * channels} (8·features)` },
    },
    harness: { hiddenPerChannel: 2, help: "an LSTM autoencoder with a Gaussian output" },
    bench: [{ hiddenPerFeature: 8 }],
  } satisfies DetectorSpec<LstmAeConfig>,
  linear: {
    label: "Linear (cross-channel regression, fitted in one pass)",
    resolve: resolveLinearConfig,
    training: "closed-form",
    backendNote: "not used by the linear detector (plain JavaScript)",
    windowed: false,
    form: { settings: [], defaults: FORM_DEFAULTS, note: "Fitted in one pass (lags 2, ridge 1): no epochs, batches or learning rate." },
    fittedNote: "Fitted in one pass (a ridge regression in closed form): the linear detector has no epochs and no loss curve.",
    shownSettings: (stored) => {
      const c = resolveLinearConfig({
        features: 1,
        windowSize: 1,
        lags: num(stored, "lags"),
        ridge: num(stored, "ridge"),
        seed: num(stored, "seed"),
      });
      return { lags: c.lags, ridge: c.ridge, seed: c.seed };
    },
    harness: {
      hiddenPerChannel: 1,
      help:
        "a ridge regression per channel on the other channels and 2 past steps, fitted in seconds; it separates the demo's faults " +
        "far better than an LSTM-AE trainable here (the training flags below do not apply to it)",
      note:
        "detector linear: per channel a ridge regression (ridge 1) on the other channels now and every channel 1–2 steps back, " +
        "fitted in closed form on every other training step (no windows, epochs or backend)",
    },
    bench: [],
  } satisfies DetectorSpec<LinearConfig>,
  wavae: {
    label: "WAVAE (weakly augmented VAE)",
    resolve: resolveWavaeConfig,
    training: "gradient",
    windowed: true,
    form: {
      settings: GRADIENT_SETTINGS,
      // Each step trains on two copies of every window: few epochs of a capped number of windows keep
      // the demo (8 channels, window 64) to about two minutes on two CPU cores.
      defaults: { epochs: 8, batchSize: 64, learningRate: 0.005, patience: 3, hiddenPerChannel: 2, maxTrainWindows: 512 },
      hiddenHint: { placeholder: (channels) => `${4 * channels} (4·features)` },
      note: "Defaults sized to finish on the demo in a few minutes on two CPU cores.",
    },
    harness: {
      hiddenPerChannel: 2,
      help: "WAVAE, a recurrent VAE trained with weakly augmented copies of its windows and a contrastive term",
    },
    bench: [{ hiddenPerFeature: 8 }],
  } satisfies DetectorSpec<WavaeConfig>,
  timevqvae: {
    label: "TimeVQVAE-AD (masked token prior, with counterfactuals)",
    resolve: resolveTimeVqvaeConfig,
    training: "gradient",
    windowed: true,
    form: {
      settings: ["epochs", "batchSize", "learningRate", "patience", "hidden", "latent", "maxTrainWindows"],
      // Every channel shares the two small VQ-VAEs; the one-layer prior sees all channels' tokens.
      // 40 % of the epochs train the VQ-VAEs, the rest the prior.
      defaults: { epochs: 12, batchSize: 32, learningRate: 0.003, patience: 3, hiddenPerChannel: 4, maxTrainWindows: 512 },
      hiddenHint: {
        placeholder: () => "32",
        title: "Width of the VQ-VAEs' convolutions and of the transformer prior, shared by every channel (a multiple of 2, the heads)",
      },
      note:
        "Defaults sized to finish on the demo in a few minutes on two CPU cores. 40 % of the epochs train the VQ-VAEs, " +
        "the rest the prior (which sees every channel); latent is the code width (default 8). Alarmed stretches get a counterfactual: what normal would look like there.",
    },
    counterfactuals: true,
    noRefine: "ALOE's refinement fine-tunes a Gaussian reconstruction; TimeVQVAE-AD scores tokens under a prior, so it is not refined.",
    harness: {
      hiddenPerChannel: 4,
      help: "TimeVQVAE-AD: per-band VQ-VAEs on the STFT and a masked-token transformer prior; score = NLL of the masked true tokens",
    },
    bench: [{ hiddenPerFeature: 4 }],
  } satisfies DetectorSpec<TimeVqvaeConfig>,
};

export type DetectorKind = keyof typeof DETECTORS;
/** The detectors, by the name runs and saved weights carry, in the registry's order (the run form's). */
export const DETECTOR_KINDS = Object.keys(DETECTORS) as [DetectorKind, ...DetectorKind[]];
/** Each kind's resolved configuration. */
export type DetectorConfigs = { [K in DetectorKind]: ReturnType<(typeof DETECTORS)[K]["resolve"]> };

export function isDetectorKind(kind: string): kind is DetectorKind {
  return Object.hasOwn(DETECTORS, kind);
}

/** The registry entry of a kind; for a kind read from storage (a run's detector column), undefined when unknown. */
export function detectorSpec(kind: DetectorKind): DetectorSpec;
export function detectorSpec(kind: string): DetectorSpec | undefined;
export function detectorSpec(kind: string): DetectorSpec | undefined {
  return isDetectorKind(kind) ? DETECTORS[kind] : undefined;
}

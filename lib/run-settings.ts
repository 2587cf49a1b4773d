/**
 * The settings a run page shows: the detector's own, as rows of a table (name, value, what it means).
 * The run form stores every field it has (window, epochs, batch …) whatever the detector; a detector
 * that uses few of them (the linear one, fitted in closed form in one pass) says in the registry
 * which to show (`shownSettings`).
 */
import { detectorSpec } from "./detectors/registry";

export type RunSetting = { name: string; value: string; meaning: string };

const KNOWN: Record<string, { name: string; meaning: string }> = {
  windowSize: { name: "window", meaning: "steps per training window; each step's score comes from the windows that cover it" },
  epochs: { name: "epochs", meaning: "most passes over the training windows" },
  batchSize: { name: "batch", meaning: "windows per gradient step" },
  learningRate: { name: "learning rate", meaning: "step size of the optimiser" },
  patience: { name: "patience", meaning: "epochs without a better validation loss before training stops early" },
  seed: { name: "seed", meaning: "seed of the random initialisation and shuffling: the same seed gives the same run" },
  hidden: { name: "hidden", meaning: "units in the hidden layers" },
  latent: { name: "latent", meaning: "dimensions of the latent code" },
  maxTrainWindows: { name: "max windows/epoch", meaning: "training windows drawn per epoch at most" },
  scoreShift: {
    name: "scoring shift",
    meaning: "steps between scored windows; each step's score is the mean over the windows that cover it",
  },
  heads: { name: "attention heads", meaning: "heads of the multi-head attention" },
  keyDim: { name: "key size", meaning: "dimensions per attention head" },
  noiseStd: { name: "noise std", meaning: "standard deviation of the noise added to training inputs" },
  lags: { name: "lags", meaning: "past steps of every channel each channel is regressed on" },
  ridge: { name: "ridge", meaning: "ridge penalty of the regression; larger is smoother" },
};

const show = (value: unknown): string =>
  typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? String(value) : JSON.stringify(value);

const setting = (key: string, value: unknown): RunSetting => ({
  name: KNOWN[key]?.name ?? key,
  value: show(value),
  meaning: KNOWN[key]?.meaning ?? "",
});

export function runSettings(detector: string, config: unknown): RunSetting[] {
  const stored = config !== null && typeof config === "object" ? (config as Record<string, unknown>) : {};
  const shown = detectorSpec(detector)?.shownSettings;
  return Object.entries(shown ? shown(stored) : stored)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => setting(k, v));
}

/** "window 64 · epochs 50 · …" */
export function formatRunSettings(settings: readonly RunSetting[]): string {
  return settings.length === 0 ? "—" : settings.map((s) => `${s.name} ${s.value}`).join(" · ");
}

/** Whether the detector trains in epochs (and so has a loss curve): all but those fitted in closed form. */
export function trainsInEpochs(detector: string): boolean {
  return detectorSpec(detector)?.training !== "closed-form";
}

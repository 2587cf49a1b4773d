/**
 * The settings a run page shows: the detector's own, in a readable line. The run form stores every
 * field it has (window, epochs, batch …) whatever the detector; the linear detector uses none of the
 * training ones — it is fitted in closed form in one pass — so only its regression settings are shown.
 */
import { resolveLinearConfig } from "./detectors/config";

export type RunSetting = { name: string; value: string };

const LABELS: Record<string, string> = {
  windowSize: "window",
  epochs: "epochs",
  batchSize: "batch",
  learningRate: "learning rate",
  patience: "patience",
  seed: "seed",
  hidden: "hidden",
  latent: "latent",
  maxTrainWindows: "max windows/epoch",
  lags: "lags",
  ridge: "ridge",
};

const show = (value: unknown): string =>
  typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? String(value) : JSON.stringify(value);

export function runSettings(detector: string, config: unknown): RunSetting[] {
  const entries = config !== null && typeof config === "object" ? Object.entries(config as Record<string, unknown>) : [];
  if (detector === "linear") {
    const given = Object.fromEntries(entries);
    const num = (key: string) => (typeof given[key] === "number" ? (given[key] as number) : undefined);
    const c = resolveLinearConfig({ features: 1, windowSize: 1, lags: num("lags"), ridge: num("ridge"), seed: num("seed") });
    return [
      { name: "lags", value: String(c.lags) },
      { name: "ridge", value: String(c.ridge) },
      { name: "seed", value: String(c.seed) },
    ];
  }
  return entries.filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => ({ name: LABELS[k] ?? k, value: show(v) }));
}

/** "window 64 · epochs 50 · …" */
export function formatRunSettings(settings: readonly RunSetting[]): string {
  return settings.length === 0 ? "—" : settings.map((s) => `${s.name} ${s.value}`).join(" · ");
}

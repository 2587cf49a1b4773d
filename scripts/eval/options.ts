/**
 * Command-line options of `npm run eval`: flags → validated options, with the defaults of the full
 * run and of `--quick` (explicit flags win over both). A bad flag is a UsageError (exit code 2, and
 * nothing is written). The defaults and why they are what they are: see HELP and README.md.
 */
import { parseArgs } from "node:util";
import { DETECTOR_KINDS, type DetectorKind } from "../../lib/detectors";
import { PROTOCOLS, type Protocol } from "../../lib/eval/protocol";
import { REFINE_MODES, type RefineMode } from "../../lib/eval/refine";
import { GENERATOR_NAMES, isGeneratorName } from "../../lib/eval/generators";
import { EMBEDDING_STRATEGIES, isStrategyName, STRATEGY_NAMES, type StrategyName } from "../../lib/query";
import { POOL_MODES, type PoolMode } from "../../lib/query/pool-rule";
import { DEFAULT_OBJECTIVE, OBJECTIVES, PLACEMENTS, type Objective, type Placement } from "../../lib/threshold";

export type EvalOptions = {
  quick: boolean;
  /** A generator ("demo", "sensors", …: lib/eval/generators), a database dataset id or name, or a path to a CSV file. */
  dataset: string;
  /** Run the experiment on every generator in turn (then `dataset` is "demo" and unused). */
  suite: boolean;
  detector: DetectorKind;
  budgets: number[];
  mislabel: number[];
  seeds: number;
  folds: number;
  stages: number[];
  strategies: StrategyName[];
  name: string | null;
  id: string | null;
  out: string | null;
  cache: string | null;
  noCache: boolean;
  epochs: number;
  sequences: number;
  anomalyFraction: number;
  demoSeed: number;
  /** Window in steps, or "acf": the ACF rule on each stage's training data (docs/algorithms.md §1.3). */
  window: number | "acf";
  /** null: 2·channels for the LSTM-AE, 1·channels for TeVAE. */
  hidden: number | null;
  batchSize: number;
  maxWindows: number;
  /** Steps between scored windows (default 1, the reference), or "auto" = ⌊window/8⌋ as the run form. */
  scoreShift: number | "auto";
  patience: number;
  learningRate: number;
  backend: "wasm" | "cpu" | "webgpu";
  /** Dawn's Node bindings (npm `webgpu`'s index.js), for --backend webgpu. */
  webgpu: string | null;
  seed: number;
  /** Hz, for a CSV without a timestamp column. */
  rate: number | null;
  /** Query candidates: whole sequences (null), segments of N steps, or "auto" (the run page's suggestion). */
  segment: number | "auto" | null;
  /** The query pool: the app's rule (auto: validation, with train when validation is thin), or fixed. */
  pool: PoolMode;
  /** Where the refined threshold goes in its optimal interval (our protocol). */
  placement: Placement;
  /** What the refined threshold maximises (our protocol; lib/threshold/objective.ts). */
  objective: Objective;
  /** Our protocol, or the DQS reference's (lib/eval/protocol.ts). */
  protocol: Protocol;
  /** "aloe": also fine-tune each stage's model with the labels (lib/eval/refine.ts). */
  refine: RefineMode | null;
  refineEpochs: number;
};

export class UsageError extends Error {
  override name = "UsageError";
  readonly code = "usage";
}

type Preset = Pick<EvalOptions, "budgets" | "mislabel" | "seeds" | "folds" | "stages" | "epochs" | "patience" | "maxWindows" | "sequences">;

export const FULL_PRESET: Preset = {
  budgets: [1, 5, 10],
  mislabel: [0, 0.1, 0.2, 0.3],
  seeds: 3,
  folds: 3,
  stages: [0.125, 0.25, 0.5, 1],
  epochs: 40,
  patience: 8,
  maxWindows: 1024,
  sequences: 80,
};
/** Same data, folds, stages and seeds as the full run (the linear detector fits them in seconds), budgets 5 and 10 and two mislabel rates: its verdicts agree with the full run's. */
export const QUICK_PRESET: Preset = {
  budgets: [5, 10],
  mislabel: [0, 0.2],
  seeds: 3,
  folds: 3,
  stages: [0.125, 0.25, 0.5, 1],
  epochs: 20,
  patience: 5,
  maxWindows: 1024,
  sequences: 80,
};

const FLAGS = {
  help: { type: "boolean", short: "h" },
  quick: { type: "boolean" },
  dataset: { type: "string" },
  detector: { type: "string" },
  budgets: { type: "string" },
  mislabel: { type: "string" },
  seeds: { type: "string" },
  folds: { type: "string" },
  stages: { type: "string" },
  strategies: { type: "string" },
  name: { type: "string" },
  id: { type: "string" },
  out: { type: "string" },
  cache: { type: "string" },
  "no-cache": { type: "boolean" },
  epochs: { type: "string" },
  sequences: { type: "string" },
  "anomaly-fraction": { type: "string" },
  "demo-seed": { type: "string" },
  suite: { type: "boolean" },
  window: { type: "string" },
  hidden: { type: "string" },
  "batch-size": { type: "string" },
  "max-windows": { type: "string" },
  "score-shift": { type: "string" },
  patience: { type: "string" },
  "learning-rate": { type: "string" },
  backend: { type: "string" },
  webgpu: { type: "string" },
  seed: { type: "string" },
  rate: { type: "string" },
  segment: { type: "string" },
  pool: { type: "string" },
  placement: { type: "string" },
  objective: { type: "string" },
  protocol: { type: "string" },
  refine: { type: "string" },
  "refine-epochs": { type: "string" },
} as const;

function fail(message: string): never {
  throw new UsageError(message);
}

function number(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const range = min === Number.MIN_VALUE ? `(0, ${max}]` : `[${min}, ${max}]`;
    fail(`--${flag} must be a ${integer ? "whole number" : "number"} in ${range}, got "${text}"`);
  }
  return value;
}

function list(flag: string, text: string, min: number, max: number, integer: boolean): number[] {
  const values = text.split(",").map((part) => number(flag, part, min, max, integer));
  return [...new Set(values)].sort((a, b) => a - b);
}

function strategies(text: string): StrategyName[] {
  const names = text.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !isStrategyName(n));
  if (unknown.length > 0) fail(`unknown strategy "${unknown.join('", "')}"; choose from ${STRATEGY_NAMES.join(", ")}`);
  return [...new Set(names.filter(isStrategyName))];
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === text);
  if (found === undefined) fail(`--${flag} must be one of ${allowed.join(", ")}, got "${text}"`);
  return found;
}

/** --segment: "auto" (default), "whole", or a length in steps. */
function segmentOf(text: string | undefined): number | "auto" | null {
  if (text === undefined || text === "auto") return "auto";
  if (text === "whole") return null;
  return number("segment", text, 2, 10_000_000, true);
}

// --- Which data: a generator (--dataset <name>, --suite), a database dataset or a CSV -------------

/** --dataset and --suite, and the flags that apply to generated data only. */
function datasetChoice(
  given: string | undefined,
  suite: boolean,
  has: (flag: "sequences" | "anomaly-fraction" | "demo-seed") => boolean,
): { dataset: string; suite: boolean } {
  if (suite && given !== undefined) fail("--suite runs every generator in turn; leave out --dataset");
  const dataset = given?.trim() || "demo";
  if (!suite && dataset !== "demo" && (has("sequences") || has("anomaly-fraction"))) {
    fail("--sequences and --anomaly-fraction apply to --dataset demo only (and to the demo of --suite)");
  }
  if (!suite && !isGeneratorName(dataset) && has("demo-seed"))
    fail(`--demo-seed applies to a generated dataset only (--dataset ${GENERATOR_NAMES.join("|")}, or --suite)`);
  return { dataset, suite };
}

// ---------------------------------------------------------------------------------------------------

export type ParsedArgs = { help: true } | { help: false; options: EvalOptions };

export function parseEvalArgs(argv: readonly string[]): ParsedArgs {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const quick = values.quick ?? false;
  const preset = quick ? QUICK_PRESET : FULL_PRESET;
  const v = (flag: keyof typeof FLAGS): string | undefined => {
    const value = values[flag];
    return typeof value === "string" ? value : undefined;
  };
  const int = (flag: keyof typeof FLAGS, fallback: number, min: number, max: number) => {
    const text = v(flag);
    return text === undefined ? fallback : number(flag, text, min, max, true);
  };
  const { dataset, suite } = datasetChoice(v("dataset"), values.suite ?? false, (flag) => v(flag) !== undefined);
  const id = v("id") ?? null;
  if (id !== null && !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(`--id must match [a-z0-9][a-z0-9-]*, got "${id}"`);
  const name = v("name");
  if (name !== undefined && name.trim() === "") fail("--name must not be empty");
  if (v("refine-epochs") !== undefined && v("refine") === undefined) fail("--refine-epochs applies to --refine aloe only");
  const window = v("window");
  const hidden = v("hidden");
  const rate = v("rate");
  return {
    help: false,
    options: {
      quick,
      dataset,
      suite,
      detector: oneOf("detector", v("detector") ?? "linear", DETECTOR_KINDS),
      budgets: v("budgets") === undefined ? preset.budgets : list("budgets", v("budgets") ?? "", 1, 10_000, true),
      mislabel: v("mislabel") === undefined ? preset.mislabel : list("mislabel", v("mislabel") ?? "", 0, 1, false),
      seeds: int("seeds", preset.seeds, 1, 100),
      folds: int("folds", preset.folds, 1, 20),
      stages: v("stages") === undefined ? preset.stages : list("stages", v("stages") ?? "", Number.MIN_VALUE, 1, false),
      strategies:
        v("strategies") === undefined ? STRATEGY_NAMES.filter((s) => !EMBEDDING_STRATEGIES.includes(s)) : strategies(v("strategies") ?? ""),
      name: name?.trim() ?? null,
      id,
      out: v("out") ?? null,
      cache: v("cache") ?? null,
      noCache: values["no-cache"] ?? false,
      epochs: int("epochs", preset.epochs, 1, 1000),
      sequences: int("sequences", preset.sequences, 4, 10_000),
      anomalyFraction: v("anomaly-fraction") === undefined ? 0.25 : number("anomaly-fraction", v("anomaly-fraction") ?? "", 0, 1, false),
      demoSeed: int("demo-seed", 1, 0, 2 ** 32 - 1),
      window: window === "acf" ? "acf" : window === undefined ? 16 : number("window", window, 2, 2048, true),
      hidden: hidden === undefined ? null : number("hidden", hidden, 1, 1024, true),
      batchSize: int("batch-size", 32, 1, 1024),
      maxWindows: int("max-windows", preset.maxWindows, 1, 10_000_000),
      scoreShift: v("score-shift") === "auto" ? "auto" : int("score-shift", 1, 1, 2048),
      patience: int("patience", preset.patience, 1, 1000),
      learningRate: v("learning-rate") === undefined ? 1e-3 : number("learning-rate", v("learning-rate") ?? "", 1e-6, 1, false),
      backend: oneOf("backend", v("backend") ?? "wasm", ["wasm", "cpu", "webgpu"] as const),
      webgpu: v("webgpu") ?? null,
      seed: int("seed", 1, 0, 2 ** 31 - 1),
      rate: rate === undefined ? null : number("rate", rate, 1e-9, 1e9, false),
      segment: segmentOf(v("segment")),
      pool: oneOf("pool", v("pool") ?? "auto", POOL_MODES),
      placement: oneOf("placement", v("placement") ?? "margin", PLACEMENTS),
      objective: oneOf("objective", v("objective") ?? DEFAULT_OBJECTIVE, OBJECTIVES),
      protocol: oneOf("protocol", v("protocol") ?? "ours", PROTOCOLS),
      refine: v("refine") === undefined ? null : oneOf("refine", v("refine") ?? "", REFINE_MODES),
      refineEpochs: int("refine-epochs", 3, 1, 1000),
    },
  };
}

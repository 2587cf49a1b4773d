/**
 * The report's first state (settings, dataset, empty rows) and the lines printed above the table:
 * everything a reader needs to know how the figures were made.
 */
import { detectorSpec } from "../../lib/detectors/registry";
import { REPORT_VERSION, type ExperimentReport } from "../../lib/eval/report";
import type { LoadedDataset } from "./dataset";
import { resolvedDetectorConfig, SCORE_BATCH, type ModelSettings } from "./model";
import type { EvalOptions } from "./options";

const POOL_TEXT = {
  auto: "the app's rule: the validation split (sequences the detector did not train on), with train added at a stage whose validation split holds fewer than 3 sequences",
  validation: "the validation split only",
  "validation+train": "validation + train (in-sample scores run low)",
} as const;

export function defaultId(now = new Date()): string {
  const iso = now.toISOString().replace(/[-:]/g, "").replace("T", "-");
  return `eval-${iso.slice(0, 15)}`;
}

/** Every number the model depends on, as the report records it. */
export function detectorOptions(settings: ModelSettings, features: number): Record<string, number> {
  return {
    ...resolvedDetectorConfig(settings, features),
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    patience: settings.patience,
    maxTrainWindows: settings.maxWindows,
    maxValidationWindows: settings.maxWindows,
    scoreBatch: SCORE_BATCH,
    ...(settings.scoreShift === "auto" ? {} : { scoreShift: settings.scoreShift }),
  };
}

export function settingsNotes(o: EvalOptions, settings: ModelSettings, dataset: LoadedDataset, backend: string): string[] {
  const spec = detectorSpec(settings.kind);
  const hiddenRule = o.hidden === null ? ` (default ${spec.harness.hiddenPerChannel}·channels)` : "";
  const model =
    spec.harness.note ??
    `detector ${settings.kind}, hidden ${settings.hidden}${hiddenRule}, window ${settings.window === "acf" ? "from the ACF of each stage's training data" : settings.window}` +
      `, ≤ ${settings.epochs} epochs (patience ${settings.patience}), ≤ ${settings.maxWindows} training windows (sampled once), batch ${settings.batchSize}, scoring shift ${settings.scoreShift === "auto" ? "⌊window/8⌋" : settings.scoreShift}, backend ${backend}`;
  return [
    ...dataset.notes,
    model,
    `folds: stratified ${o.folds}-fold over sequences (seed ${o.seed}); the rest 75 % train / 25 % validation; stages ${o.stages.join(", ")} of both`,
    `budgets are labels bought per stage (rows show the cumulative count); ${o.seeds} seed(s) vary the strategy seed and the expert's draws`,
    `simulated expert: with probability = mislabel the label is flipped (an anomaly called normal loses its onset; a normal sequence called anomalous gets the onset the labelling page offers)`,
    `query pool: ${POOL_TEXT[o.pool]}; the test split is never queried; candidates ${o.segment === "auto" ? "by the run page's segment rule (--segment auto)" : o.segment === null ? "whole sequences" : `segments of ${o.segment} steps`}, the test split cut the same way`,
    o.protocol === "reference"
      ? `protocol: the DQS reference's — the grid's placement (lower end of the optimal interval), the lowest labelled score when no threshold reaches F1 > 0, labels keep the scores they were bought on, a mislabelled normal gets onset 0, "uncertain" starts from the max train + validation score, delay with the reverse-window penalty over every anomalous test candidate`
      : `protocol: ours — refined threshold maximising "${o.objective}" (objective), placed by "${o.placement}" inside its optimal interval, re-read on each stage's scores; delay over true positives`,
    ...(o.refine
      ? [
          `--refine ${o.refine}: after each stage's labels, the stage's model is ${settings.kind === "linear" ? "refitted without the labelled-anomalous steps and the top α of the unlabelled ones" : `fine-tuned ${o.refineEpochs} epoch(s) with ALOE's objective`}, α = α̂ from the labels (else the labelled fraction) clamped to [0, 0.5]; rescored; the threshold refitted from the same labels ("+ ALOE fine-tuning" rows)`,
        ]
      : []),
    `baselines per stage: unsupervised = max validation score; best = the refined threshold with every label of the query pool known; oracle = the same rule on the test labels, the highest test F1 any threshold reaches (n = folds)`,
  ];
}

export function initialReport(args: {
  id: string;
  name: string;
  options: EvalOptions;
  dataset: LoadedDataset;
  settings: ModelSettings;
  backend: string;
  notes: string[];
  total: number;
}): ExperimentReport {
  const { options: o, dataset } = args;
  return {
    version: REPORT_VERSION,
    id: args.id,
    name: args.name,
    createdAt: new Date().toISOString(),
    finishedAt: null,
    status: "running",
    progress: { done: 0, total: args.total, phase: "starting" },
    dataset: {
      source: dataset.source,
      name: dataset.name,
      sequences: dataset.sequences.length,
      channels: dataset.channels.length,
      samplingRate: dataset.samplingRate,
      anomalous: dataset.sequences.filter((s) => s.labels?.includes(1)).length,
    },
    settings: {
      detector: args.settings.kind,
      detectorOptions: detectorOptions(args.settings, dataset.channels.length),
      backend: args.backend,
      strategies: [...o.strategies],
      budgets: [...o.budgets],
      mislabel: [...o.mislabel],
      seeds: o.seeds,
      folds: o.folds,
      stages: [...o.stages],
      quick: o.quick,
      ...(o.refine ? { refine: o.refine } : {}),
      notes: args.notes,
    },
    rows: [],
    timings: { modelSeconds: 0, querySeconds: 0, modelsTrained: 0, modelsCached: 0 },
  };
}

/**
 * The model of one (fold, stage), as a browser run makes it (components/runs/run-controller.ts and
 * the train/score workers): z-score with the statistics of this stage's training sequences only,
 * train the detector on them with this stage's validation sequences for early stopping (the
 * validation windows capped like the training windows, as the training worker does), then score
 * every sequence that is needed with shift-1 windows. The weights and scores go to the cache; a
 * cache hit skips all of it.
 */
import { createDetector, DETECTORS, type DetectorKind, type SavedWeights } from "../../lib/detectors";
import type { ModelRequest } from "../../lib/eval/experiment";
import type { StageScores } from "../../lib/eval/stage";
import {
  createChannelStats,
  finishChannelStats,
  updateChannelStats,
  windowSizeFromAcf,
  zscore,
  type ZScoreParams,
} from "../../lib/preprocess";
import { defaultScoreShift } from "../../lib/runs/defaults";
import type { SeriesColumns } from "../../lib/series/types";
import { CACHE_VERSION, hashOf, type ModelCache } from "./cache";
import type { LoadedDataset, LoadedSequence } from "./dataset";

export type ModelSettings = {
  kind: DetectorKind;
  window: number | "acf";
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  maxWindows: number;
  /** Steps between scored windows, or "auto": the run form's default, ⌊window/8⌋ (lib/runs/defaults.ts). */
  scoreShift: number | "auto";
  seed: number;
};

/** Rough share of a model's time spent training (for the progress bar; the rest is scoring). */
const TRAIN_SHARE = 0.75;

/** Windows per predict call when scoring (the most lib/detectors allows; fastest on wasm). */
export const SCORE_BATCH = 512;

/** What fine-tuning and embedding need of a (fold, stage) model after it was scored (scripts/eval/refine.ts). */
export type StageModel = { weights: SavedWeights; stats: ZScoreParams; shift: number };

export type ModelContext = {
  dataset: LoadedDataset;
  fingerprint: string;
  settings: ModelSettings;
  backend: string;
  cache: ModelCache | null;
  counters: { trained: number; cached: number; windowSizes: Set<number> };
  /** Kept only when something needs the model after its scores (ALOE strategies, --refine), by modelKey. */
  models?: Map<string, StageModel>;
};

function trainStats(train: readonly LoadedSequence[], channels: number): ZScoreParams {
  const stats = createChannelStats(channels);
  for (const s of train) updateChannelStats(stats, s.columns);
  return finishChannelStats(stats);
}

function pick(dataset: LoadedDataset, indices: readonly number[]): LoadedSequence[] {
  return indices.flatMap((i) => dataset.sequences[i] ?? []);
}

/** The detector's configuration with its defaults resolved; without the window when it comes from the ACF. */
export function resolvedDetectorConfig(settings: ModelSettings, features: number): Record<string, number> {
  const base = { features, windowSize: settings.window === "acf" ? 8 : settings.window, hidden: settings.hidden, seed: settings.seed };
  const config: Record<string, number> = { ...DETECTORS[settings.kind].resolve(base) };
  if (settings.window === "acf") delete config.windowSize;
  return config;
}

/** The cache key: everything the model depends on, a detector's own defaults included. */
export function modelKey(ctx: ModelContext, request: ModelRequest): string {
  const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);
  return hashOf({
    version: CACHE_VERSION,
    data: ctx.fingerprint,
    settings: ctx.settings,
    detector: resolvedDetectorConfig(ctx.settings, ctx.dataset.channels.length),
    backend: ctx.backend,
    train: ids(pick(ctx.dataset, request.members.train)),
    validation: ids(pick(ctx.dataset, request.members.validation)),
    scored: ids(request.needed),
  });
}

export async function stageScores(ctx: ModelContext, request: ModelRequest): Promise<StageScores> {
  const key = modelKey(ctx, request);
  const { settings } = ctx;
  const train = pick(ctx.dataset, request.members.train);
  const features = ctx.dataset.channels.length;
  const stats = trainStats(train, features);
  const shiftFor = (windowSize: number) =>
    settings.scoreShift === "auto" ? defaultScoreShift(windowSize) : Math.min(settings.scoreShift, windowSize);
  const hit = ctx.cache?.read(key);
  const weights = hit && ctx.models ? ctx.cache?.readWeights(key) : null;
  if (hit && request.needed.every((s) => hit.scores.has(s.id)) && (!ctx.models || weights)) {
    ctx.counters.cached++;
    ctx.counters.windowSizes.add(hit.train.windowSize);
    if (weights) ctx.models?.set(key, { weights, stats, shift: shiftFor(hit.train.windowSize) });
    request.report("cached model");
    return hit.scores;
  }
  const started = performance.now();
  const validation = pick(ctx.dataset, request.members.validation);
  const z = (columns: SeriesColumns) => zscore(columns, stats);
  const windowSize = settings.window === "acf" ? windowSizeFromAcf(train.map((s) => s.columns)).windowSize : settings.window;
  const detector = createDetector(settings.kind, { features, windowSize, hidden: settings.hidden, seed: settings.seed });
  const shift = shiftFor(windowSize);
  try {
    request.report(`training (${train.length} train, ${validation.length} validation sequences)`);
    const result = await detector.train(
      { train: train.map((s) => z(s.columns)), validation: validation.map((s) => z(s.columns)) },
      {
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        learningRate: settings.learningRate,
        patience: settings.patience,
        maxTrainWindows: settings.maxWindows,
        maxValidationWindows: settings.maxWindows,
        onEpoch: (e) =>
          request.report(
            `training epoch ${e.epoch + 1}/${settings.epochs} (validation NLL ${e.valLoss.toFixed(2)})`,
            (TRAIN_SHARE * (e.epoch + 1)) / settings.epochs,
          ),
      },
    );
    const scores = new Map<string, Float32Array>();
    const byId = new Map(ctx.dataset.sequences.map((s) => [s.id, s]));
    for (const [i, { id }] of request.needed.entries()) {
      const s = byId.get(id);
      if (!s) throw new Error(`sequence ${id} is not in the dataset`);
      request.report(`scoring ${i + 1}/${request.needed.length}`, TRAIN_SHARE + ((1 - TRAIN_SHARE) * i) / request.needed.length);
      scores.set(id, (await detector.score(z(s.columns), { batchSize: SCORE_BATCH, shift })).score);
    }
    const weights = await detector.save();
    const summary = {
      epochs: result.epochs.length,
      bestEpoch: result.bestEpoch,
      bestLoss: result.bestLoss,
      stopReason: result.stopReason,
      seconds: (performance.now() - started) / 1000,
      windowSize,
    };
    ctx.cache?.write(key, { weights, scores, train: summary });
    ctx.models?.set(key, { weights, stats, shift });
    ctx.counters.trained++;
    ctx.counters.windowSizes.add(windowSize);
    return scores;
  } finally {
    detector.dispose();
  }
}

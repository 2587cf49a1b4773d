/**
 * One experiment on one dataset, as `npm run eval` runs it (scripts/eval.ts): load the data, check
 * the plan, train and score through the model cache, simulate every labelling run, and keep the
 * report file up to date; the table and the checks on stdout. Also called by the demo seed
 * (prisma/seed.ts) to make the report the Experiments page shows on a fresh start.
 */
import path from "node:path";
import { detectorSpec } from "../../lib/detectors/registry";
import { env } from "../../lib/env.mjs";
import { aggregateRecords } from "../../lib/eval/aggregate";
import { describeChecks } from "../../lib/eval/checks";
import { planProblems, progressTotal, runExperiment, type ExperimentPlan, type ExperimentState } from "../../lib/eval/experiment";
import { truthOf } from "../../lib/eval/expert";
import type { ExperimentReport } from "../../lib/eval/report";
import { aggregateSeparability, describeSeparability } from "../../lib/eval/separability";
import { aggregateContamination, formatContaminationTable, isRefinedName, refinedName } from "../../lib/eval/refine";
import { formatTable } from "../../lib/eval/table";
import { EMBEDDING_STRATEGIES } from "../../lib/query";
import { startBackend } from "./backend";
import { datasetFingerprint, ModelCache } from "./cache";
import { DatasetError, loadDataset, type LoadedDataset } from "./dataset";
import { stageScores, type ModelContext, type ModelSettings } from "./model";
import type { EvalOptions } from "./options";
import { createProgressBar } from "./progress";
import { embedStage, refineStage } from "./refine";
import { ReportFile } from "./report-file";
import { defaultId, initialReport, settingsNotes } from "./run-report";

export function usage(message: string): number {
  process.stderr.write(`eval: ${message}\nSee: npm run eval -- --help\n`);
  return 2;
}

function planOf(o: EvalOptions, dataset: LoadedDataset): ExperimentPlan {
  return {
    sequences: dataset.sequences.map((s) => ({
      id: s.id,
      name: s.name,
      truth: truthOf(s.labels),
      labels: s.labels,
      length: s.columns[0]?.length ?? 0,
    })),
    samplingRate: dataset.samplingRate,
    folds: o.folds,
    seeds: o.seeds,
    stages: o.stages,
    strategies: o.strategies,
    budgets: o.budgets,
    mislabel: o.mislabel,
    foldSeed: o.seed,
    seed: o.seed,
    segment: o.segment,
    pool: o.pool,
    evaluation: { protocol: o.protocol, placement: o.placement, objective: o.objective, window: o.window === "acf" ? 16 : o.window },
    refine: o.refine,
  };
}

function settingsOf(o: EvalOptions, channels: number): ModelSettings {
  const hidden = o.hidden ?? detectorSpec(o.detector).harness.hiddenPerChannel * channels;
  return {
    kind: o.detector,
    window: o.window,
    hidden,
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    patience: o.patience,
    maxWindows: o.maxWindows,
    scoreShift: o.scoreShift,
    seed: o.seed,
  };
}

function record(report: ExperimentReport, state: ExperimentState, ctx: ModelContext, strategies: readonly string[]): void {
  report.rows = aggregateRecords(
    state.records,
    strategies.flatMap((s) => [s, refinedName(s)]),
  );
  report.contamination = aggregateContamination(state.contamination, strategies);
  report.separability = aggregateSeparability(state.separability);
  report.timings = {
    modelSeconds: state.modelSeconds,
    querySeconds: state.querySeconds,
    refineSeconds: state.refineSeconds,
    modelsTrained: ctx.counters.trained,
    modelsCached: ctx.counters.cached,
  };
}

/** "2 Hz", or "1/300 Hz" for a sample every 5 minutes. */
function formatRate(hz: number): string {
  const period = 1 / hz;
  return hz < 1 && Math.abs(period - Math.round(period)) < 1e-9 ? `1/${Math.round(period)} Hz` : `${Number(hz.toPrecision(4))} Hz`;
}

function summary(report: ExperimentReport, file: string, seconds: number): string {
  const t = report.timings;
  return [
    `${report.name} — ${report.dataset.name}: ${report.dataset.sequences} sequences (${report.dataset.anomalous} anomalous), ${report.dataset.channels} channels, ${formatRate(report.dataset.samplingRate)}`,
    ...(report.settings.notes ?? []).map((n) => `  ${n}`),
    "",
    formatTable(report.rows),
    "",
    ...(report.contamination && report.contamination.length > 0
      ? [
          "contamination: α̂ from each run's labels (importance-weighted by the draw probabilities) against the true share of anomalous units in the stage's pool",
          formatContaminationTable(report.contamination),
          "",
        ]
      : []),
    // The baselines are the stage model's: they bound the threshold-only rows, not the fine-tuned models' rows.
    ...describeChecks(
      report.rows.filter((r) => !isRefinedName(r.strategy)),
      report.settings.strategies,
      report.separability ?? [],
    ),
    ...(report.settings.refine ? ['(the checks above leave out the "+ ALOE fine-tuning" rows: their scores are another model\'s)'] : []),
    ...describeSeparability(report.separability ?? []),
    "",
    ...(report.settings.refine
      ? [`fine-tuning and rescoring (--refine ${report.settings.refine}): ${(t.refineSeconds ?? 0).toFixed(0)} s`]
      : []),
    `models: ${t.modelsTrained ?? 0} trained, ${t.modelsCached ?? 0} from the cache; ${t.modelSeconds.toFixed(0)} s on models, ${t.querySeconds.toFixed(0)} s querying; ${seconds.toFixed(0)} s in all`,
    `report: ${file}`,
  ].join("\n");
}

export type RunResult = { code: number; report: ExperimentReport | null; dataset: LoadedDataset | null; seconds: number };

/** One experiment on one dataset: the table on stdout and one report file. */
export async function runOne(options: EvalOptions): Promise<RunResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let dataset: LoadedDataset;
  try {
    dataset = await loadDataset(options);
  } catch (error) {
    if (error instanceof DatasetError) return { code: usage(error.message), report: null, dataset: null, seconds: seconds() };
    throw error;
  }
  const plan = planOf(options, dataset);
  const problems = planProblems(plan);
  if (problems.length > 0) return { code: usage(problems.join("; ")), report: null, dataset, seconds: seconds() };

  const { backend, note } = await startBackend(options.backend, options.webgpu);
  const settings = settingsOf(options, dataset.channels.length);
  const cache = options.noCache ? null : new ModelCache(path.resolve(options.cache ?? path.join(env.DATA_DIR, "eval-cache")));
  const ctx: ModelContext = {
    dataset,
    fingerprint: datasetFingerprint(dataset),
    settings,
    backend,
    cache,
    counters: { trained: 0, cached: 0, windowSizes: new Set() },
    models: options.refine || options.strategies.some((s) => EMBEDDING_STRATEGIES.includes(s)) ? new Map() : undefined,
  };
  const refineSettings = {
    epochs: options.refineEpochs,
    learningRate: options.learningRate,
    batchSize: options.batchSize,
    maxWindows: options.maxWindows,
  };
  const id = options.id ?? defaultId();
  const file = new ReportFile(path.resolve(options.out ?? path.join(env.DATA_DIR, "experiments"), `${id}.json`));
  const notes = [...settingsNotes(options, settings, dataset, backend), ...(note ? [note] : [])];
  const on = dataset.source === "demo" ? "the demo" : dataset.source === "generator" ? options.dataset : dataset.name;
  const name = options.name ?? `${options.quick ? "Quick: " : ""}${settings.kind} on ${on}`;
  const report = initialReport({ id, name, options, dataset, settings, backend, notes, total: progressTotal(plan) });
  file.write(report);
  process.stderr.write(`eval ${id}: ${notes.slice(1, 3).join("; ")}\n`);

  const bar = createProgressBar();
  try {
    const state = await runExperiment(plan, {
      scoreStage: (request) => stageScores(ctx, request),
      embedStage: (request, stretches) => embedStage(ctx, request, stretches),
      refineStage: (request) => refineStage(ctx, request, refineSettings),
      onProgress: (progress) => {
        bar.update(progress);
        report.progress = progress;
        file.writeThrottled(report);
      },
      onFold: (s) => {
        record(report, s, ctx, options.strategies);
        file.write(report);
      },
      pause: () => new Promise((resolve) => setImmediate(resolve)),
    });
    record(report, state, ctx, options.strategies);
    if (options.window === "acf") report.settings.notes?.push(`ACF windows used: ${[...ctx.counters.windowSizes].join(", ")}`);
    report.settings.notes?.push(
      `query candidates per fold: ${state.segmentLengths.map((n) => (n === null ? "whole sequences" : `segments of ${n} steps`)).join(", ")}`,
    );
    Object.assign(report, {
      status: "done",
      finishedAt: new Date().toISOString(),
      progress: { ...report.progress, done: report.progress.total, phase: "done" },
    });
    file.write(report);
    bar.finish();
    process.stdout.write(`${summary(report, file.file, seconds())}\n`);
    return { code: 0, report, dataset, seconds: seconds() };
  } catch (error) {
    bar.finish();
    const message = error instanceof Error ? error.message : String(error);
    Object.assign(report, { status: "failed", error: message, finishedAt: new Date().toISOString() });
    file.write(report);
    process.stderr.write(`eval: failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    return { code: 1, report, dataset, seconds: seconds() };
  }
}

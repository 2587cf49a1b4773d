/**
 * The evaluation harness's report (`npm run eval` writes it, the Experiments page reads it): one JSON
 * file per experiment, rewritten as the run progresses. Rows are aggregated over seeds × folds.
 */
import { z } from "zod";

export const REPORT_VERSION = 1;

/**
 * The baselines, whose rows have no budget and no mislabel rate: "unsupervised" (max validation
 * score), "best" (the refined threshold with every label of the query pool known) and "oracle"
 * (the refined threshold fitted on the test labels themselves: no threshold does better on the test
 * split, so it bounds every row of its stage from above).
 */
export const BASELINES = ["unsupervised", "best", "oracle"] as const;
export type Baseline = (typeof BASELINES)[number];

const stat = z.object({ mean: z.number(), std: z.number() });
/** Mean ± std over the runs that produced a value (delay: only runs with a true positive). */
const optionalStat = z.object({ mean: z.number().nullable(), std: z.number().nullable() });

export const reportRowSchema = z.object({
  /** Fraction of the training sequences seen at this stage (1 = all; the growing-data setting uses < 1). */
  stage: z.number().gt(0).max(1),
  /** A query strategy name ("dqs", "random", …) or a baseline ("unsupervised", "best", "oracle"). */
  strategy: z.string().min(1),
  /** Labels bought so far (cumulative over stages); null for the baselines. */
  budget: z.number().int().min(0).nullable(),
  /** Probability that the simulated expert mislabels a query; null for the baselines. */
  mislabel: z.number().min(0).max(1).nullable(),
  /** How many (seed, fold) runs were aggregated. */
  n: z.number().int().min(0),
  f1: stat,
  precision: stat,
  recall: stat,
  /** Detection delay in seconds. */
  delay: optionalStat,
  /** The threshold used (mean ± std), for the table. */
  threshold: stat,
  /** Optional (harness v1): labels actually bought (fewer than `budget` when a stage ran out of candidates). */
  labels: stat.optional(),
  /** Optional: labels bought per stage (the --budgets value); null for the baselines. */
  budgetPerStage: z.number().int().min(0).nullable().optional(),
  /** Optional: share of runs whose threshold was refined from labels (the others kept the unsupervised one). */
  refined: z.number().min(0).max(1).optional(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

/** α̂ against the truth per (stage, strategy, budget, mislabel), over the runs (lib/eval/refine.ts). */
export const contaminationRowSchema = z.object({
  stage: z.number().gt(0).max(1),
  strategy: z.string().min(1),
  budget: z.number().int().min(0),
  mislabel: z.number().min(0).max(1),
  runs: z.number().int().min(0),
  /** Runs whose labels gave an estimate (deterministic strategies give none). */
  estimated: z.number().int().min(0),
  /** The true share of anomalous units in the stage's pool (mean over the runs). */
  truth: z.number(),
  /** α̂, mean ± std over the runs with one. */
  estimate: stat.nullable(),
  /** The bootstrap interval's ends, means over the runs with one. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** The labelled fraction (mean). */
  naive: z.number().nullable(),
  /** The α the fine-tuning used (mean), null without --refine. */
  used: z.number().nullable(),
});
export type ContaminationRow = z.infer<typeof contaminationRowSchema>;

export const reportSchema = z.object({
  version: z.literal(REPORT_VERSION),
  /** File stem, [a-z0-9-]+. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** "cancelled": stopped by a user (an experiment started from the Experiments page). */
  status: z.enum(["running", "done", "failed", "cancelled"]),
  error: z.string().optional(),
  progress: z.object({
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    /** What runs now, e.g. "fold 2/3 · stage 1/4 · training". */
    phase: z.string(),
  }),
  dataset: z.object({
    /** "demo": the PATH-like demo; "generator": another seeded generator of lib/eval/generators. */
    source: z.enum(["demo", "generator", "database", "csv"]),
    name: z.string(),
    sequences: z.number().int().min(0),
    channels: z.number().int().min(0),
    samplingRate: z.number().positive(),
    anomalous: z.number().int().min(0),
  }),
  settings: z.object({
    detector: z.string(),
    /** Detector options as given (hidden size, window, epochs, …). */
    detectorOptions: z.record(z.string(), z.number()),
    backend: z.string(),
    strategies: z.array(z.string()),
    budgets: z.array(z.number().int().min(0)),
    mislabel: z.array(z.number().min(0).max(1)),
    seeds: z.number().int().min(1),
    folds: z.number().int().min(1),
    stages: z.array(z.number().gt(0).max(1)),
    quick: z.boolean(),
    /** Optional: "aloe" when each stage's model was also fine-tuned with the labels (--refine). */
    refine: z.enum(["aloe"]).nullable().optional(),
    /** Optional: how the settings were chosen (defaults, the ACF window, the demo's options, …), one line each. */
    notes: z.array(z.string()).optional(),
  }),
  rows: z.array(reportRowSchema),
  /**
   * Optional: per stage, the ROC AUC of the per-sequence maximum score (mean ± std over folds) on
   * the test split and on the query pool (train + validation, which the model trained on).
   */
  separability: z
    .array(z.object({ stage: z.number().gt(0).max(1), n: z.number().int().min(0), test: stat.nullable(), pool: stat.nullable() }))
    .optional(),
  /** Optional: the contamination estimate against the truth, per strategy and budget (lib/eval/refine.ts). */
  contamination: z.array(contaminationRowSchema).optional(),
  /** Wall-clock seconds so far: training+scoring (cached models cost ~0) and querying. */
  timings: z.object({
    modelSeconds: z.number(),
    querySeconds: z.number(),
    /** Optional: fine-tuning and rescoring (--refine). */
    refineSeconds: z.number().optional(),
    /** Optional: models trained in this run and models read from the cache. */
    modelsTrained: z.number().int().min(0).optional(),
    modelsCached: z.number().int().min(0).optional(),
  }),
});
export type ExperimentReport = z.infer<typeof reportSchema>;

export function parseReport(json: unknown): ExperimentReport {
  return reportSchema.parse(json);
}

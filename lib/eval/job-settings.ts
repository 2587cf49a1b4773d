/**
 * The settings of an experiment started from the Experiments page, and the `npm run eval` flags they
 * stand for: the server runs the very same harness (scripts/eval.ts) with these flags, so a report
 * made from the page and one made on the command line differ only in how they were started. Pure
 * and light (no generator or detector code), so the form can use it in the browser.
 */
import { z } from "zod";
import { DETECTOR_KINDS } from "../detectors/types";
import { STRATEGY_NAMES } from "../query/types";

/** The seeded generators of lib/eval/generators (kept in step by lib/eval/job-settings.test.ts). */
export const JOB_GENERATORS = ["demo", "sensors", "heartbeats", "servers"] as const;

/** "all": one stage with all the training data; "growing": the harness's four stages (⅛, ¼, ½, all). */
export const JOB_STAGES = { all: [1], growing: [0.125, 0.25, 0.5, 1] } as const;

const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1, "choose at least one")
    .max(max, `at most ${max}`)
    .refine((values) => new Set(values).size === values.length, "each value once");

export const jobSettingsSchema = z
  .object({
    name: z.string().trim().max(80, "at most 80 characters").optional(),
    dataset: z.enum(JOB_GENERATORS),
    /** Demo only: how many drives to generate (the app's demo has 80). */
    sequences: z.number().int().min(8, "at least 8 sequences").max(400, "at most 400 sequences").optional(),
    detector: z.enum(DETECTOR_KINDS),
    strategies: list(z.enum(STRATEGY_NAMES), STRATEGY_NAMES.length),
    /** Labels bought per stage. */
    budgets: list(z.number().int().min(1, "a budget is at least 1").max(100, "a budget is at most 100"), 5),
    mislabel: list(z.number().min(0, "a mislabel rate is in [0, 1]").max(1, "a mislabel rate is in [0, 1]"), 4),
    folds: z.number().int().min(1).max(5),
    seeds: z.number().int().min(1).max(5),
    stages: z.enum(["all", "growing"]),
    /** The harness's --quick preset: fewer epochs and a shorter patience for the neural detectors. */
    quick: z.boolean(),
  })
  .strict()
  .refine((s) => s.sequences === undefined || s.dataset === "demo", {
    message: "the number of sequences applies to the demo generator only",
    path: ["sequences"],
  });

export type JobSettings = z.infer<typeof jobSettingsSchema>;

/** A job as the API and the page show it (lib/server/experiment-jobs.ts). */
export type JobStatus = "running" | "done" | "failed" | "cancelled";

export type JobView = {
  id: string;
  reportId: string;
  status: JobStatus;
  startedBy: string;
  createdAt: string;
  finishedAt: string | null;
  cancelRequested: boolean;
  error: string | null;
};

/** What the form starts with: a run of a few minutes at most with the linear detector. */
export const DEFAULT_JOB_SETTINGS: JobSettings = {
  dataset: "demo",
  detector: "linear",
  strategies: ["dqs", "random", "top"],
  budgets: [2, 5],
  mislabel: [0],
  folds: 2,
  seeds: 1,
  stages: "all",
  quick: true,
};

/** The `npm run eval` flags of these settings, writing the report `<id>.json`. */
export function harnessArgs(settings: JobSettings, id: string): string[] {
  const numbers = (values: readonly number[]) => values.join(",");
  return [
    ...(settings.quick ? ["--quick"] : []),
    "--dataset",
    settings.dataset,
    ...(settings.sequences !== undefined ? ["--sequences", String(settings.sequences)] : []),
    "--detector",
    settings.detector,
    "--strategies",
    settings.strategies.join(","),
    "--budgets",
    numbers(settings.budgets),
    "--mislabel",
    numbers(settings.mislabel),
    "--folds",
    String(settings.folds),
    "--seeds",
    String(settings.seeds),
    "--stages",
    numbers(JOB_STAGES[settings.stages]),
    "--id",
    id,
    ...(settings.name ? ["--name", settings.name] : []),
  ];
}

/** A report id for a job started at `now`: "ui-20261204-111500-k3f9" (the suffix tells two apart). */
export function jobReportId(now: Date, suffix: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `ui-${stamp}-${suffix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 6)}`;
}

/** "1, 2.5, 10" → [1, 2.5, 10]; null when a part is not a number (the form says which). */
export function parseNumberList(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

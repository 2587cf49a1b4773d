/**
 * Pure helpers over an experiment report (lib/eval/report.ts) for the Experiments page: which stages
 * and mislabel rates it has, the defaults, the table's rows in order, and how numbers are written.
 */
import { BASELINES, type ContaminationRow, type ExperimentReport, type ReportRow } from "../eval/report";

export const METRICS = ["f1", "precision", "recall", "delay"] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABEL: Record<Metric, string> = {
  f1: "F1",
  precision: "Precision",
  recall: "Recall",
  delay: "Detection delay (s)",
};

export type Selection = { stage: number; mislabel: number; metric: Metric };

export type NullableStat = { mean: number | null; std: number | null };

/** A report file in the experiments folder: readable, or not with the reason (updatedAt: its mtime). */
export type ExperimentEntry = { id: string; updatedAt: string } & ({ ok: true; report: ExperimentReport } | { ok: false; error: string });

export function isBaseline(strategy: string): boolean {
  return (BASELINES as readonly string[]).includes(strategy);
}

const sortedUnique = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);

/** The stages the report has (settings and rows), ascending. */
export function stagesOf(report: ExperimentReport): number[] {
  return sortedUnique([...report.settings.stages, ...report.rows.map((r) => r.stage)]);
}

/** The mislabel rates the report has (settings and the strategies' rows), ascending. */
export function mislabelsOf(report: ExperimentReport): number[] {
  const fromRows = report.rows.flatMap((r) => (r.mislabel === null ? [] : [r.mislabel]));
  return sortedUnique([...report.settings.mislabel, ...fromRows]);
}

/** Query strategies in the settings' order, then any others that have rows; never the baselines. */
export function strategiesOf(report: ExperimentReport): string[] {
  const names = [...report.settings.strategies, ...report.rows.map((r) => r.strategy)];
  return [...new Set(names)].filter((s) => !isBaseline(s));
}

/**
 * The last stage (1 = all the training data) and no mislabelling, where the report has them; while
 * the harness runs, the last stage that has results so far.
 */
export function defaultSelection(report: ExperimentReport): Selection {
  const stages = stagesOf(report);
  const mislabels = mislabelsOf(report);
  const withResults = stages.filter((stage) => report.rows.some((r) => r.stage === stage && !isBaseline(r.strategy)));
  return {
    stage: withResults.at(-1) ?? stages.at(-1) ?? 1,
    mislabel: mislabels.includes(0) ? 0 : (mislabels[0] ?? 0),
    metric: "f1",
  };
}

export function metricOf(row: ReportRow, metric: Metric): NullableStat {
  return row[metric];
}

/** A stage's rows for the table: the baselines first, then each strategy by mislabel rate and budget. */
export function tableRows(report: ExperimentReport, stage: number): ReportRow[] {
  const order = [...BASELINES, ...strategiesOf(report)];
  const rank = (s: string) => order.indexOf(s);
  return report.rows
    .filter((r) => r.stage === stage)
    .sort((a, b) => rank(a.strategy) - rank(b.strategy) || (a.mislabel ?? -1) - (b.mislabel ?? -1) || (a.budget ?? -1) - (b.budget ?? -1));
}

/**
 * The contamination estimate against the truth for a stage and mislabel rate (reports written with
 * strategies that draw at random, or with --refine aloe), in the report's order; none for older reports.
 */
export function contaminationRows(report: ExperimentReport, stage: number, mislabel: number): ContaminationRow[] {
  return (report.contamination ?? []).filter((r) => r.stage === stage && r.mislabel === mislabel);
}

/** "0.812 ± 0.034", "0.812" when the std is unknown, "—" without a value. */
export function formatStat(stat: NullableStat, digits = 3): string {
  if (stat.mean === null || !Number.isFinite(stat.mean)) return "—";
  const mean = stat.mean.toFixed(digits);
  return stat.std === null || !Number.isFinite(stat.std) ? mean : `${mean} ± ${stat.std.toFixed(digits)}`;
}

/** "0 %", "12.5 %". */
export function formatRate(rate: number): string {
  return `${+(rate * 100).toFixed(1)} %`;
}

/** A stage as the share of the training data it sees: "100 % of the training data". */
export function formatStage(stage: number): string {
  return `${formatRate(stage)} of the training data`;
}

/** "45 s", "3 min 5 s", "2 h 4 min". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Wall-clock time from start to finish (or to `now` while running). */
export function elapsedSeconds(report: ExperimentReport, now: Date): number {
  const end = report.finishedAt ? Date.parse(report.finishedAt) : now.getTime();
  return Math.max(0, (end - Date.parse(report.createdAt)) / 1000);
}

/** "2026-11-22 14:05" from an ISO time (UTC, as written by the harness). */
export function formatWhen(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 16).replace("T", " ") : iso;
}

export function progressPercent(progress: ExperimentReport["progress"]): number {
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.max(0, (100 * progress.done) / progress.total));
}

/**
 * `npm run eval -- --suite`: the same experiment on every generator of lib/eval/generators in turn
 * (the demo included, with its --sequences/--anomaly-fraction), one report per dataset with the id
 * `<id>-<generator>`, and a closing table with each dataset's separability and baseline F1 at the
 * last stage, so the datasets compare at a glance.
 */
import { GENERATOR_NAMES } from "../../lib/eval/generators";
import type { ExperimentReport } from "../../lib/eval/report";
import type { EvalOptions } from "./options";

/** One run per generator: the dataset, a report id `<id>-<generator>` and a name saying which. */
export function suiteRuns(options: EvalOptions, baseId: string): EvalOptions[] {
  return GENERATOR_NAMES.map((dataset) => ({
    ...options,
    suite: false,
    dataset,
    id: `${baseId}-${dataset}`,
    name: options.name === null ? null : `${options.name} (${dataset})`,
  }));
}

export type SuiteResult = {
  generator: string;
  /** 0 done, else the run's exit code. */
  code: number;
  report: ExperimentReport | null;
  /** "12 × 10,000–15,000": sequences × steps. */
  size: string;
  seconds: number;
};

function f(value: number | undefined): string {
  return value === undefined ? "—" : value.toFixed(2);
}

/** One line per dataset: size, test AUC and the baselines' F1 at the last stage, seconds. */
export function formatSuiteSummary(results: readonly SuiteResult[]): string {
  const header = ["dataset", "sequences × steps", "test AUC", "unsupervised F1", "best F1", "oracle F1", "seconds"];
  const rows = results.map((r) => {
    if (!r.report || r.code !== 0) return [r.generator, r.size, `failed (exit ${r.code})`, "", "", "", r.seconds.toFixed(0)];
    const last = Math.max(...r.report.settings.stages);
    const baseline = (name: string) => r.report?.rows.find((row) => row.stage === last && row.strategy === name)?.f1.mean;
    const auc = r.report.separability?.find((s) => s.stage === last)?.test?.mean;
    return [r.generator, r.size, f(auc), f(baseline("unsupervised")), f(baseline("best")), f(baseline("oracle")), r.seconds.toFixed(0)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const title = `suite: ${results.length} datasets, at the last stage (test AUC: separability of the per-sequence max score; F1: the baselines, mean over folds)`;
  return [title, line(header), ...rows.map(line)].join("\n");
}

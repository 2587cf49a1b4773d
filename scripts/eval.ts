/**
 * `npm run eval -- [flags]` — the evaluation harness (issue 7): the same lib/ code as the app, in
 * Node on TensorFlow.js's wasm (or cpu) backend. See scripts/eval/help.ts for the flags,
 * scripts/eval/run.ts for one experiment and lib/eval/experiment.ts for the loop. stdout: the table
 * and the sanity checks; stderr: the progress bar; $DATA_DIR/experiments/<id>.json: the report,
 * rewritten as the run goes. `--suite` runs the experiment on every generator in turn
 * (scripts/eval/suite.ts): one report each, <id>-<generator>. The Experiments page starts this
 * script too (lib/server/experiment-jobs.ts).
 *
 * Runs through tsx with the react-server condition (like scripts/db.ts), so that the database
 * loader can import lib/server/ when --dataset names a stored dataset.
 */
import type { LoadedDataset } from "./eval/dataset";
import { HELP } from "./eval/help";
import { parseEvalArgs, UsageError, type EvalOptions } from "./eval/options";
import { defaultId } from "./eval/run-report";
import { runOne, usage } from "./eval/run";
import { formatSuiteSummary, suiteRuns, type SuiteResult } from "./eval/suite";

function sizeOf(dataset: LoadedDataset | null): string {
  if (!dataset) return "—";
  const lengths = dataset.sequences.map((s) => s.columns[0]?.length ?? 0);
  const [lo, hi] = [Math.min(...lengths), Math.max(...lengths)].map((n) => n.toLocaleString("en"));
  return `${dataset.sequences.length} × ${lo === hi ? lo : `${lo}–${hi}`}`;
}

/** --suite: every generator in turn, then one line each; the worst exit code. */
async function runSuite(options: EvalOptions): Promise<number> {
  const results: SuiteResult[] = [];
  for (const run of suiteRuns(options, options.id ?? defaultId())) {
    process.stdout.write(`\n=== ${run.dataset} ===\n`);
    const result = await runOne(run);
    results.push({
      generator: run.dataset,
      code: result.code,
      report: result.report,
      size: sizeOf(result.dataset),
      seconds: result.seconds,
    });
  }
  process.stdout.write(`\n${formatSuiteSummary(results)}\n`);
  return Math.max(0, ...results.map((r) => r.code));
}

async function main(): Promise<number> {
  let options: EvalOptions;
  try {
    const parsed = parseEvalArgs(process.argv.slice(2));
    if (parsed.help) {
      process.stdout.write(HELP);
      return 0;
    }
    options = parsed.options;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  return options.suite ? runSuite(options) : (await runOne(options)).code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

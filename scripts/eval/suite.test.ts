import { describe, expect, it } from "vitest";
import { GENERATOR_NAMES } from "../../lib/eval/generators";
import type { ExperimentReport, ReportRow } from "../../lib/eval/report";
import { parseEvalArgs, type EvalOptions } from "./options";
import { formatSuiteSummary, suiteRuns } from "./suite";

function options(argv: string[]): EvalOptions {
  const parsed = parseEvalArgs(argv);
  if (parsed.help) throw new Error("help");
  return parsed.options;
}

const stat = (mean: number) => ({ mean, std: 0 });

function row(strategy: string, stage: number, f1: number): ReportRow {
  return {
    stage,
    strategy,
    budget: null,
    mislabel: null,
    n: 3,
    f1: stat(f1),
    precision: stat(0),
    recall: stat(0),
    delay: { mean: null, std: null },
    threshold: stat(0),
  };
}

describe("suiteRuns", () => {
  it("runs every generator, the demo first, with the other flags and one id each", () => {
    const runs = suiteRuns(options(["--suite", "--folds", "3", "--demo-seed", "5", "--name", "Linear"]), "run1");
    expect(runs.map((r) => r.dataset)).toEqual([...GENERATOR_NAMES]);
    expect(runs.map((r) => r.id)).toEqual(GENERATOR_NAMES.map((g) => `run1-${g}`));
    expect(runs.every((r) => !r.suite && r.folds === 3 && r.demoSeed === 5)).toBe(true);
    expect(runs[1]?.name).toBe("Linear (sensors)");
    expect(suiteRuns(options(["--suite"]), "x")[0]?.name).toBeNull();
  });
});

describe("formatSuiteSummary", () => {
  it("shows each dataset's size, test AUC and baseline F1 at the last stage", () => {
    const report = {
      settings: { stages: [0.5, 1] },
      rows: [row("unsupervised", 0.5, 0.1), row("unsupervised", 1, 0.2), row("best", 1, 0.6), row("oracle", 1, 0.8)],
      separability: [{ stage: 1, n: 3, test: stat(0.91), pool: stat(0.8) }],
    } as unknown as ExperimentReport;
    const text = formatSuiteSummary([
      { generator: "sensors", code: 0, report, size: "12 × 10,000–15,000", seconds: 12.4 },
      { generator: "servers", code: 1, report: null, size: "—", seconds: 1 },
    ]);
    const lines = text.split("\n");
    expect(lines[1]).toMatch(/^dataset\s+sequences × steps\s+test AUC\s+unsupervised F1\s+best F1\s+oracle F1\s+seconds$/);
    expect(lines[2]).toMatch(/^sensors\s+12 × 10,000–15,000\s+0\.91\s+0\.20\s+0\.60\s+0\.80\s+12$/);
    expect(lines[3]).toContain("failed (exit 1)");
  });
});

import { describe, expect, it } from "vitest";
import { aboveBaseline, bestVsOracle, describeChecks, fallsToZero, refinedVsUnsupervised, strategyDifference } from "./checks";
import type { ReportRow } from "./report";
import { formatStage, formatStat, formatTable } from "./table";

function row(strategy: string, f1: number, over: Partial<ReportRow> = {}): ReportRow {
  const stat = { mean: f1, std: 0.1 };
  const baseline = strategy === "unsupervised" || strategy === "best" || strategy === "oracle";
  return {
    stage: 1,
    strategy,
    budget: baseline ? null : 5,
    mislabel: baseline ? null : 0,
    n: 9,
    f1: stat,
    precision: stat,
    recall: stat,
    delay: { mean: null, std: null },
    threshold: { mean: 12.345, std: 1 },
    ...over,
  };
}

const rows = [
  row("unsupervised", 0.1),
  row("best", 0.6),
  row("oracle", 0.8),
  row("dqs", 0.5),
  row("dqs", 0.7, { budget: 10 }),
  row("random", 0.4),
  row("random", 0.1, { budget: 1 }),
  row("unsupervised", 0.2, { stage: 0.5 }),
  row("best", 0.3, { stage: 0.5 }),
  row("dqs", 0.3, { stage: 0.5 }),
];

describe("formatTable", () => {
  it("prints one block per stage with aligned columns", () => {
    const text = formatTable(rows);
    const lines = text.split("\n");
    expect(lines[0]).toBe("stage: all of the training data");
    expect(lines[1]).toMatch(/^strategy\s+budget\s+mislabel\s+n\s+labels\s+F1\s+precision\s+recall\s+delay \(s\)\s+threshold$/);
    expect(lines[2]).toContain("unsupervised");
    expect(lines[2]).toContain("0.10 ± 0.10");
    expect(lines[2]).toContain("12.3 ± 1.0");
    expect(text).toContain("stage: 50 % of the training data");
    const widths = new Set(lines.slice(2, 8).map((l) => l.indexOf("±")));
    expect(widths.size).toBe(1);
  });

  it("formats missing values and stages", () => {
    expect(formatStat({ mean: null, std: null })).toBe("—");
    expect(formatStat({ mean: 3.14159, std: 0.5 }, 1)).toBe("3.1 ± 0.5");
    expect(formatStage(0.125)).toBe("12.5 %");
    expect(formatStage(1)).toBe("all");
  });
});

describe("checks", () => {
  it("compares refined rows (budget ≥ 5) with the unsupervised row of their stage", () => {
    expect(refinedVsUnsupervised(rows)).toEqual({ wins: 4, ties: 0, losses: 0 });
  });

  it("lists rows above best or oracle, per stage", () => {
    expect(aboveBaseline(rows, "best").map((r) => [r.strategy, r.budget, r.stage])).toEqual([["dqs", 10, 1]]);
    expect(aboveBaseline(rows, "oracle")).toEqual([]);
    const lines = describeChecks(rows, ["dqs", "random"]);
    expect(lines).toContain(`"oracle" bounds every row from above (mean F1)`);
    expect(lines.join("\n")).toContain(`"best" is exceeded by 1 of 7 row(s): dqs/10/0 at all`);
    const broken = describeChecks([...rows, row("top", 0.9, { budget: 10 })], ["dqs", "top"]);
    expect(broken.join("\n")).toContain(`"oracle" is exceeded by 1 row(s), which cannot be: top/10/0 at all`);
  });

  it("compares two strategies over shared cells", () => {
    const d = strategyDifference(rows, "dqs", "random");
    expect(d.cells).toBe(1);
    expect(d.meanDiff).toBeCloseTo(0.1, 12);
    expect(describeChecks(rows, ["dqs", "random"]).join("\n")).toContain("dqs vs random: mean F1 difference +0.100 over 1 cells");
  });
});

describe("checks against the issue's criteria", () => {
  it("counts correct-expert rows, apart from stages whose pools held no anomaly, and rows that fall to F1 0", () => {
    const table = [
      ...rows,
      row("unsupervised", 0.4, { stage: 0.25 }),
      row("best", 0.4, { stage: 0.25, refined: 0 }), // no fold's pool held an anomalous candidate
      row("dqs", 0.4, { stage: 0.25 }),
      row("random", 0, { stage: 0.25, budget: 10 }),
    ];
    const line = describeChecks(table, ["dqs", "random"]).find((l) => l.startsWith("with a correct expert"));
    expect(line).toContain(
      "refined beats unsupervised in 4 of 4 rows (100 %; 0 equal, 0 worse) where the pool held an anomalous candidate; 2 more at stages",
    );
    expect(line).toContain("1 row(s) fall to F1 0");
    expect(fallsToZero(table).map((r) => [r.strategy, r.stage])).toEqual([["random", 0.25]]);
  });

  it("sets best against the oracle where the test AUC is at least 0.95", () => {
    const separability = [
      { stage: 1, n: 3, test: { mean: 0.97, std: 0.01 }, pool: null },
      { stage: 0.5, n: 3, test: { mean: 0.9, std: 0.01 }, pool: null },
    ];
    expect(bestVsOracle(rows, separability)).toEqual([{ stage: 1, auc: 0.97, ratio: 0.6 / 0.8 }]);
    expect(describeChecks(rows, ["dqs"], separability).join("\n")).toContain("test AUC 0.97 at all: best reaches 75 % of the oracle's F1");
  });
});

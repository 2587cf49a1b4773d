import { describe, expect, it } from "vitest";
import { knownReport } from "./experiment-fixture";
import {
  contaminationRows,
  defaultSelection,
  elapsedSeconds,
  formatRate,
  formatSeconds,
  formatStage,
  formatStat,
  mislabelsOf,
  progressPercent,
  stagesOf,
  strategiesOf,
  tableRows,
} from "./experiment-rows";

const report = knownReport();

describe("experiment rows", () => {
  it("lists stages, mislabel rates and strategies (never the baselines)", () => {
    expect(stagesOf(report)).toEqual([0.5, 1]);
    expect(mislabelsOf(report)).toEqual([0, 0.1]);
    expect(strategiesOf(report)).toEqual(["dqs", "random"]);
  });

  it("defaults to the last stage, no mislabelling and F1", () => {
    expect(defaultSelection(report)).toEqual({ stage: 1, mislabel: 0, metric: "f1" });
    const halfway = { ...report, status: "running" as const, rows: report.rows.filter((r) => r.stage === 0.5 || r.strategy === "best") };
    expect(defaultSelection(halfway).stage).toBe(0.5);
    const noisyOnly = { ...report, settings: { ...report.settings, mislabel: [0.2] }, rows: [] };
    expect(defaultSelection(noisyOnly).mislabel).toBe(0.2);
  });

  it("orders a stage's table rows: baselines, then strategy, mislabel rate, budget", () => {
    const rows = tableRows(report, 1);
    expect(rows).toHaveLength(3 + 2 * 2 * 2);
    expect(rows.every((r) => r.stage === 1)).toBe(true);
    expect(rows.map((r) => `${r.strategy}/${r.mislabel ?? "-"}/${r.budget ?? "-"}`)).toEqual([
      "unsupervised/-/-",
      "best/-/-",
      "oracle/-/-",
      "dqs/0/5",
      "dqs/0/10",
      "dqs/0.1/5",
      "dqs/0.1/10",
      "random/0/5",
      "random/0/10",
      "random/0.1/5",
      "random/0.1/10",
    ]);
  });

  it("writes numbers for people", () => {
    expect(formatStat({ mean: 0.8123, std: 0.0345 })).toBe("0.812 ± 0.035");
    expect(formatStat({ mean: 0.5, std: null })).toBe("0.500");
    expect(formatStat({ mean: null, std: null })).toBe("—");
    expect(formatRate(0.1)).toBe("10 %");
    expect(formatRate(0.125)).toBe("12.5 %");
    expect(formatStage(1)).toBe("100 % of the training data");
    expect(formatStage(0.125)).toBe("12.5 % of the training data");
    expect(formatSeconds(4.25)).toBe("4.3 s");
    expect(formatSeconds(185)).toBe("3 min 5 s");
    expect(formatSeconds(7440)).toBe("2 h 4 min");
    expect(elapsedSeconds(report, new Date())).toBe(185);
    expect(progressPercent({ done: 3, total: 4, phase: "" })).toBe(75);
    expect(progressPercent({ done: 0, total: 0, phase: "" })).toBe(0);
  });

  it("picks the contamination rows of a stage and mislabel rate, none for a report without them", () => {
    expect(contaminationRows(report, 1, 0)).toEqual([]);
    const row = { runs: 2, estimated: 2, truth: 0.2, estimate: { mean: 0.18, std: 0.02 }, lower: 0.1, upper: 0.3, naive: 0.4, used: null };
    const withRows = {
      ...report,
      contamination: [
        { ...row, stage: 1, strategy: "random", budget: 5, mislabel: 0 },
        { ...row, stage: 1, strategy: "random", budget: 5, mislabel: 0.2 },
        { ...row, stage: 0.5, strategy: "random", budget: 5, mislabel: 0 },
        { ...row, stage: 1, strategy: "aloe-kmeans", budget: 10, mislabel: 0 },
      ],
    };
    expect(contaminationRows(withRows, 1, 0).map((r) => `${r.strategy} ${r.budget}`)).toEqual(["random 5", "aloe-kmeans 10"]);
  });
});

import { describe, expect, it } from "vitest";
import { curveData, f1CurveOptions, historyOptions, labelAlign, thresholdAxisType } from "./metrics-options";

const curve = [
  { threshold: 1, f1: 0, precision: 0, recall: 0 },
  { threshold: 4, f1: 0.8, precision: 2 / 3, recall: 1 },
  { threshold: 6, f1: 2 / 3, precision: 1, recall: 0.5 },
];

describe("metrics charts", () => {
  it("uses a log axis only for positive values spanning more than a factor of 20", () => {
    expect(thresholdAxisType([1, 6])).toBe("value");
    expect(thresholdAxisType([10, 374, 5737])).toBe("log");
    expect(thresholdAxisType([-3, 5737])).toBe("value");
    expect(thresholdAxisType([5])).toBe("value");
  });

  it("keeps a mark's label on the chart: to the left of a line near the right end, to the right near the left end", () => {
    expect(labelAlign(8, 1, 8, "value")).toBe("right");
    expect(labelAlign(1.5, 1, 8, "value")).toBe("left");
    expect(labelAlign(4, 1, 8, "value")).toBe("center");
    expect(labelAlign(100, 1, 10_000, "log")).toBe("center");
    expect(labelAlign(5, 5, 5, "value")).toBe("center");
  });

  it("ends the curve at F1 0 past the highest decision point", () => {
    expect(curveData(curve, "value")).toEqual([
      [1, 0],
      [4, 0.8],
      [6, 2 / 3],
      [6.25, 0],
    ]);
    expect(curveData(curve, "log").at(-1)).toEqual([7.5, 0]);
    expect(curveData([], "value")).toEqual([]);
  });

  it("marks each threshold with a line, a dot at its F1 and a legend entry", () => {
    const options = f1CurveOptions(curve, [
      { name: "unsupervised", value: 4.5, f1: 0.5 },
      { name: "refined", value: 6, f1: 2 / 3 },
      { name: "best", value: 4, f1: 0.8 },
    ]);
    expect(options.legend.data).toEqual(["test F1", "unsupervised", "refined", "best"]);
    expect(options.series.map((s) => s.name)).toEqual(["test F1", "unsupervised", "refined", "best"]);
    expect(options.series[3]?.data).toEqual([[4, 0.8]]);
    expect(options.series[1]).toMatchObject({ markLine: { data: [{ xAxis: 4.5 }], label: { formatter: "unsupervised 4.5 · F1 0.50" } } });
    expect(options.xAxis).toMatchObject({ type: "value", min: 1, max: 6.25 });
  });

  it("draws the labels' threshold and its test F1 per change", () => {
    const steps = [0, 1].map((step) => ({
      step,
      version: step,
      batch: step === 0 ? null : 1,
      labelCount: step,
      refined: step === 1,
      threshold: step === 0 ? 4.5 : 4,
      test: { threshold: 4, f1: step === 0 ? 0.5 : 0.8, precision: 1, recall: 1, meanDelay: null, tp: 1, fp: 0, fn: 0, tn: 1 },
      createdAt: "",
    }));
    const options = historyOptions(steps);
    expect(options.series[0]?.data).toEqual([
      [0, 4.5],
      [1, 4],
    ]);
    expect(options.series[1]?.data).toEqual([
      [0, 0.5],
      [1, 0.8],
    ]);
    const tooltip = options.tooltip.formatter([{ dataIndex: 1 }]);
    expect(tooltip).toContain("after change 1 (batch 1) · 1 label");
    expect(tooltip).toContain("test F1 <b>0.80</b>");
  });
});

import type { LineSeriesOption } from "echarts/charts";
import { describe, expect, it } from "vitest";
import { AA_GRAPHICS, contrastRatio } from "./contrast";
import { chartPalette } from "./theme";
import {
  baselineStats,
  budgetRange,
  buildExperimentOption,
  hasCurves,
  stageBudgets,
  strategyColor,
  strategyCurve,
} from "./experiment-options";
import { knownReport } from "./experiment-fixture";

const report = knownReport();
const f1AtStage1 = { stage: 1, mislabel: 0, metric: "f1" } as const;

function seriesOf(option: ReturnType<typeof buildExperimentOption>): LineSeriesOption[] {
  const series = option.series;
  return (Array.isArray(series) ? series : series ? [series] : []) as LineSeriesOption[];
}

const byId = (series: LineSeriesOption[], id: string) => series.find((s) => s.id === id);
const points = (s: LineSeriesOption | undefined) => (s?.data ?? []).map((d) => (Array.isArray(d) ? d : (d as { value: unknown }).value));
const close = (values: unknown[], expected: [number, number | null][]) => {
  expect(values).toHaveLength(expected.length);
  values.forEach((v, i) => {
    const [x, y] = v as [number, number | null];
    expect(x).toBe(expected[i]?.[0]);
    const want = expected[i]?.[1];
    if (want === null || want === undefined) expect(y).toBeNull();
    else expect(y).toBeCloseTo(want, 10);
  });
};

describe("strategyCurve", () => {
  it("picks one strategy's rows at a stage and mislabel rate, by budget", () => {
    const curve = strategyCurve(report, "dqs", f1AtStage1);
    expect(curve.map((p) => p.budget)).toEqual([5, 10]);
    expect(curve[0]?.mean).toBeCloseTo(0.5 + 0.1 + 0.1, 10);
    expect(curve[1]?.mean).toBeCloseTo(0.5 + 0.2 + 0.1, 10);
    expect(curve.every((p) => p.std === 0.05 && p.n === 6)).toBe(true);
    const mislabelled = strategyCurve(report, "dqs", { stage: 0.5, mislabel: 0.1, metric: "f1" });
    expect(mislabelled[0]?.mean).toBeCloseTo(0.25 + 0.1 - 0.1 + 0.1, 10);
  });
});

describe("buildExperimentOption", () => {
  it("draws one line per strategy, F1 against budget, with the values of the selection", () => {
    const series = seriesOf(buildExperimentOption(report, f1AtStage1));
    const lines = series.filter((s) => String(s.id).startsWith("strategy:"));
    expect(lines.map((s) => s.name)).toEqual(["dqs", "random"]);
    close(points(byId(series, "strategy:dqs")), [
      [5, 0.7],
      [10, 0.8],
    ]);
    close(points(byId(series, "strategy:random")), [
      [5, 0.6],
      [10, 0.7],
    ]);
    expect(byId(series, "strategy:dqs")?.color).toBe(strategyColor("dqs", 0));
    expect(byId(series, "strategy:dqs")?.color).not.toBe(byId(series, "strategy:random")?.color);
  });

  it("draws the baselines as labelled horizontal lines across the budgets: unsupervised dashed, best and oracle dotted", () => {
    const series = seriesOf(buildExperimentOption(report, f1AtStage1));
    const unsupervised = byId(series, "baseline:unsupervised");
    const best = byId(series, "baseline:best");
    close(points(unsupervised), [
      [5, 0.5],
      [10, 0.5],
    ]);
    close(points(best), [
      [5, 0.9],
      [10, 0.9],
    ]);
    expect(unsupervised?.lineStyle?.type).toBe("dashed");
    expect(best?.lineStyle?.type).toBe("dotted");
    expect(unsupervised?.endLabel?.formatter).toBe("unsupervised 0.50");
    expect(best?.endLabel?.formatter).toBe("best 0.90");
    const oracle = byId(series, "baseline:oracle");
    close(points(oracle), [
      [5, 0.95],
      [10, 0.95],
    ]);
    expect(oracle?.lineStyle?.type).toBe("dotted");
    expect(oracle?.color).not.toBe(best?.color);
    expect(oracle?.endLabel?.offset?.[1]).toBeLessThan(best?.endLabel?.offset?.[1] ?? 0);
    // Equal baselines (a tiny run) must not print their labels on top of each other.
    expect(best?.endLabel?.offset?.[1]).toBeLessThan(0);
    expect(unsupervised?.endLabel?.offset?.[1]).toBeGreaterThan(0);
    const atHalf = seriesOf(buildExperimentOption(report, { stage: 0.5, mislabel: 0, metric: "f1" }));
    close(points(byId(atHalf, "baseline:unsupervised")), [
      [5, 0.3],
      [10, 0.3],
    ]);
  });

  it("shades mean ± std as a stacked band, clipped to [0, 1] for F1", () => {
    const series = seriesOf(buildExperimentOption(report, f1AtStage1));
    const lower = byId(series, "band-lower:dqs");
    const width = byId(series, "band-width:dqs");
    expect(lower?.stack).toBe("band:dqs");
    expect(width?.stack).toBe("band:dqs");
    expect(width?.areaStyle).toBeDefined();
    expect(lower?.name).toBe("dqs"); // the legend toggles a strategy's band with its line
    close(points(lower), [
      [5, 0.65],
      [10, 0.75],
    ]);
    close(points(width), [
      [5, 0.1],
      [10, 0.1],
    ]);
    const precision = seriesOf(buildExperimentOption(report, { stage: 1, mislabel: 0, metric: "precision" }));
    // dqs precision at budget 10 is min(1, 0.8 + 0.1) = 0.9 ± 0.02; at stage 1 with no mislabel.
    close(points(byId(precision, "band-width:dqs")), [
      [5, 0.04],
      [10, 0.04],
    ]);
  });

  it("has a budget x axis over the settings' budgets and a y axis named after the metric", () => {
    const option = buildExperimentOption(report, f1AtStage1);
    expect(option.xAxis).toMatchObject({ type: "value", name: "Budget (labelled queries)", min: 5, max: 10, minInterval: 1 });
    expect(option.xAxis).toMatchObject({ axisTick: { customValues: [5, 10] }, axisLabel: { customValues: [5, 10] } });
    expect(option.yAxis).toMatchObject({ type: "value", name: "F1", min: 0, max: 1 });
    expect(option.legend).toMatchObject({ data: ["dqs", "random", "unsupervised", "best", "oracle"] });
    const delay = buildExperimentOption(report, { stage: 1, mislabel: 0, metric: "delay" });
    expect(delay.yAxis).toMatchObject({ name: "Detection delay (s)", min: 0, max: undefined });
  });

  it("leaves a gap where a metric has no value (delay without a true positive)", () => {
    const series = seriesOf(buildExperimentOption(report, { stage: 1, mislabel: 0, metric: "delay" }));
    close(points(byId(series, "strategy:random")), [
      [5, null],
      [10, 3],
    ]);
    close(points(byId(series, "band-lower:random")), [
      [5, null],
      [10, 2.5],
    ]);
  });

  it("formats the tooltip with mean ± std, n and the baselines", () => {
    const option = buildExperimentOption(report, f1AtStage1);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([
      { seriesId: "strategy:dqs", seriesName: "dqs", color: "#2458d6", axisValue: 5, data: { value: [5, 0.7], std: 0.05, n: 6 } },
      { seriesId: "band-lower:dqs", seriesName: "dqs", axisValue: 5, data: [5, 0.65] },
    ]);
    expect(html).toContain("budget <b>5</b>");
    expect(html).toContain("dqs <b>0.700 ± 0.050</b>");
    expect(html).toContain("n=6");
    expect(html).toContain("unsupervised <b>0.500 ± 0.050</b>");
    expect(html).not.toContain("0.650");
  });

  it("widens a single budget into a range and knows when there is nothing to draw", () => {
    const single = { ...report, settings: { ...report.settings, budgets: [3] }, rows: [] };
    expect(budgetRange(single, 1)).toEqual({ min: 2, max: 4 });
    const cumulative = {
      ...report,
      rows: report.rows.map((r) => (r.stage === 1 && r.budget !== null ? { ...r, budget: r.budget * 2 } : r)),
    };
    expect(budgetRange(cumulative, 1)).toEqual({ min: 10, max: 20 });
    expect(budgetRange(cumulative, 0.5)).toEqual({ min: 5, max: 10 });
    expect(stageBudgets(cumulative, 1)).toEqual([10, 20]);
    expect(stageBudgets(single, 1)).toEqual([3]);
    expect(hasCurves(single, f1AtStage1)).toBe(false);
    expect(hasCurves(report, f1AtStage1)).toBe(true);
    expect(seriesOf(buildExperimentOption(single, f1AtStage1)).filter((s) => String(s.id).startsWith("baseline:"))).toEqual([]);
    expect(baselineStats(report, 1, "f1").best).toMatchObject({ mean: 0.9, n: 6 });
  });

  it("draws the baselines in colours that stand out on the scheme's background", () => {
    for (const scheme of ["light", "dark"] as const) {
      const lines = seriesOf(buildExperimentOption(report, f1AtStage1, scheme)).filter((s) => String(s.id).startsWith("baseline:"));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(contrastRatio(String(line.color), chartPalette(scheme).background), `${scheme} ${line.id}`).toBeGreaterThanOrEqual(
          AA_GRAPHICS,
        );
      }
    }
  });
});

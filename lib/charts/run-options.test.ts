import { describe, expect, it } from "vitest";
import { chartPalette } from "./theme";
import { lossChartOptions, roundedTooltip, scoreChartOptions } from "./run-options";
import { windowFromDrag } from "./zoom";

describe("run charts", () => {
  it("draws train and validation losses per epoch", () => {
    const options = lossChartOptions([
      { epoch: 1, trainLoss: 3, valLoss: 4 },
      { epoch: 2, trainLoss: 2, valLoss: 3.5 },
    ]);
    expect(options.series.map((s) => s.name)).toEqual(["train", "validation"]);
    expect(options.series[1]?.data).toEqual([
      [1, 4],
      [2, 3.5],
    ]);
  });

  it("puts the score on a time axis and one line per threshold, the unsupervised one dimmed", () => {
    const options = scoreChartOptions(
      Float32Array.from([1, 2, 5]),
      [
        { label: "refined", value: 4 },
        { label: "unsupervised", value: 4.5, dimmed: true },
      ],
      2,
    );
    const series = options.series[0];
    expect(series?.data).toEqual([
      [0, 1],
      [0.5, 2],
      [1, 5],
    ]);
    expect(series?.markLine.data.map((d) => d.yAxis)).toEqual([4, 4.5]);
    expect(series?.markLine.data[1]?.lineStyle.type).toBe("dotted");
    expect(options.xAxis.name).toBe("time (h:mm:ss)");
    expect(options.xAxis.axisLabel?.formatter(65)).toBe("0:01:05");
    expect(series?.markArea).toBeUndefined();
    expect(series?.markLine.data[0]?.label.formatter).toBe("refined 4.000");
    // On an opaque plate of the plot's background: the score line it crosses does not strike it through.
    expect(series?.markLine.data[0]?.label.backgroundColor).toBe(chartPalette("light").background);
    expect(series?.markLine.data[1]?.label.opacity).toBe(1);
    // The lower line's label below it, the higher's above: the two never print over each other.
    expect(series?.markLine.data.map((d) => d.label.position)).toEqual(["insideEndBottom", "insideEndTop"]);
  });

  it("shades the refined threshold's optimal interval when it is known, and keeps its upper end in view", () => {
    const options = scoreChartOptions(Float32Array.from([1, 2, 5]), [{ label: "refined", value: 6 }], undefined, { lower: 5.5, upper: 8 });
    const area = options.series[0]?.markArea?.data[0] as [Record<string, unknown>, Record<string, unknown>] | undefined;
    expect(area?.[0].yAxis).toBe(5.5);
    expect(area?.[1].yAxis).toBe(8);
    expect((area?.[0].label as { formatter: string }).formatter).toBe("optimal interval (5.500, 8.000]");
    expect(options.yAxis.max({ max: 5 })).toBeGreaterThanOrEqual(8);
    const unbounded = scoreChartOptions(Float32Array.from([1, 2, 5]), [{ label: "refined", value: 6 }], undefined, {
      lower: null,
      upper: 6,
    });
    const open = unbounded.series[0]?.markArea?.data[0] as [Record<string, unknown>, Record<string, unknown>] | undefined;
    expect(open?.[0].yAxis).toBeUndefined();
    expect((open?.[0].label as { formatter: string }).formatter).toContain("unbounded below");
  });

  it("rounds tooltip values: the step grouped, the score to 4 significant digits, names escaped", () => {
    const html = roundedTooltip("step")([{ seriesName: "anomaly <score>", value: [12345, -16.24398422241211], marker: "" }]);
    expect(html).toBe("step 12,345<br/>anomaly &lt;score&gt; <b>-16.24</b>");
    expect(roundedTooltip("time", 2)({ seriesName: "s", value: [61.5, null] })).toBe("0:01:01.5 · step 123<br/>s <b>—</b>");
  });

  it("opens at a zoom window given in steps, in the x axis's units (seconds at a known rate), and at the whole range without one", () => {
    const score = new Float32Array(1000);
    const zooms = (o: ReturnType<typeof scoreChartOptions>) => o.dataZoom.map((z) => [z.startValue, z.endValue]);
    expect(zooms(scoreChartOptions(score, [], 2, null, "light", { from: 100, to: 301 }))).toEqual([
      [50, 150],
      [50, 150],
    ]);
    expect(zooms(scoreChartOptions(score, [], undefined, null, "light", { from: 100, to: 301 }))).toEqual([
      [100, 300],
      [100, 300],
    ]);
    // What the page writes back from that zoom is the same window (windowFromDrag, as the address is written).
    expect(windowFromDrag(50, 150, 2, 1000)).toEqual({ from: 100, to: 301 });
    expect(zooms(scoreChartOptions(score, [], 2))).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

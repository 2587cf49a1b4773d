import { describe, expect, it } from "vitest";
import {
  stepAxis,
  contextOf,
  fitScoreAxis,
  labelChannelsOption,
  labelScoreOption,
  niceCeil,
  niceFloor,
  ONSET_COLOR,
  REGION_COLOR,
  scoreAxisOf,
  scoreAxisRange,
  scorePoints,
  thresholdLabelPositions,
} from "./label-options";
import { SYMLOG_AXIS_NAME, symlog } from "./symlog";
import { chartPalette } from "./theme";

type AreaSeries = { markArea: { data: [Record<string, unknown>, Record<string, unknown>][] } };
type Axis = { max: (v: { max: number }) => number; min: (v: { min: number }) => number | null };

describe("threshold label positions", () => {
  it("puts the highest line's label above it, the lowest's below it and any between at the left end", () => {
    expect(thresholdLabelPositions([{ y: 183 }, { y: 374, dimmed: true }])).toEqual(["insideEndBottom", "insideEndTop"]);
    expect(thresholdLabelPositions([{ y: 2 }, { y: 3 }, { y: 1 }])).toEqual(["insideStartTop", "insideEndTop", "insideEndBottom"]);
    expect(thresholdLabelPositions([{ y: 5 }])).toEqual(["insideEndTop"]);
  });
  it("on a tie (two lines at the plot's edge) puts the line in effect above the dimmed one", () => {
    expect(thresholdLabelPositions([{ y: 9, dimmed: true }, { y: 9 }])).toEqual(["insideEndBottom", "insideEndTop"]);
  });
});

describe("labelling charts", () => {
  it("reads the steps on the time axes as h:mm:ss, naming the step under the pointer", () => {
    const time = stepAxis({ from: 0, to: 2400 }, 2);
    expect(time.name).toBe("time (h:mm:ss)");
    expect(time.axisLabel.formatter?.(922)).toBe("0:07:41");
    expect(time.axisPointer.label?.formatter?.({ value: 922 })).toBe("0:07:41 · step 922");
    // A short view gets tenths; without a rate the axis stays in steps.
    expect(stepAxis({ from: 0, to: 20 }, 2).axisLabel.formatter?.(3)).toBe("0:00:01.5");
    expect(stepAxis({ from: 0, to: 20 }).name).toBe("step");
  });

  it("pads the candidate with context, inside the sequence", () => {
    expect(contextOf({ from: 0, to: 100 }, 100)).toEqual({ from: 0, to: 100 });
    expect(contextOf({ from: 100, to: 200 }, 210)).toEqual({ from: 75, to: 210 });
  });
  it("draws the score over the context with thresholds and the onset", () => {
    const score = Float32Array.from({ length: 10 }, (_, i) => i);
    const option = labelScoreOption({
      score,
      context: { from: 2, to: 8 },
      candidate: { from: 3, to: 6 },
      onset: 4,
      thresholds: [
        { label: "refined", value: 5 },
        { label: "unsupervised", value: 7, dimmed: true },
      ],
      view: { from: 2, to: 8 },
    });
    const series = (option.series as { data: [number, number][]; markLine: { data: unknown[] } }[])[0];
    expect(series?.data[0]).toEqual([2, 2]);
    expect(series?.data).toHaveLength(6);
    expect(series?.markLine.data).toHaveLength(3);
  });
  it("draws the score, its thresholds and the channels in the dark scheme's colours when the system is dark", () => {
    const input = {
      score: Float32Array.from({ length: 10 }, (_, i) => i),
      context: { from: 0, to: 10 },
      candidate: { from: 3, to: 6 },
      onset: 4,
      thresholds: [{ label: "refined", value: 5 }],
      view: { from: 0, to: 10 },
    };
    type Lines = { color: string; markLine: { data: { lineStyle: { color: string }; label?: { backgroundColor?: string } }[] } }[];
    const light = labelScoreOption(input).series as Lines;
    const dark = labelScoreOption({ ...input, scheme: "dark" }).series as Lines;
    expect(light[0]?.color).toBe(chartPalette("light").text);
    expect(dark[0]?.color).toBe(chartPalette("dark").text);
    expect(dark[0]?.markLine.data.map((d) => d.lineStyle.color)).toEqual([chartPalette("dark").threshold, chartPalette("dark").threshold]);
    expect(dark[0]?.markLine.data[0]?.label?.backgroundColor).toBe(chartPalette("dark").background);
    const channels = labelChannelsOption({ ...input, channels: [{ name: "a", index: 1, x: [0], y: [0] }], scheme: "dark" });
    expect((channels.series as Lines)[0]?.color).toBe(chartPalette("dark").channels[1]);
  });

  it("shades the refined threshold's optimal interval under the score, with the candidate", () => {
    const score = Float32Array.from({ length: 10 }, (_, i) => i);
    const base = {
      score,
      context: { from: 0, to: 10 },
      candidate: { from: 3, to: 6 },
      onset: null,
      thresholds: [{ label: "refined", value: 5 }],
      view: { from: 0, to: 10 },
    };
    const without = (labelScoreOption(base).series as AreaSeries[])[0];
    expect(without?.markArea.data).toHaveLength(1);
    const option = labelScoreOption({ ...base, band: { lower: 4, upper: 20 } });
    const series = (option.series as AreaSeries[])[0];
    expect(series?.markArea.data).toHaveLength(2);
    const [band, candidate] = series?.markArea.data ?? [];
    expect(band?.[0].yAxis).toBe(4);
    expect((band?.[0].label as { formatter: string }).formatter).toBe("optimal interval (4.000, 20.000]");
    expect(candidate?.[0].xAxis).toBe(3);
    // The band's upper end is far above every score (9): the area ends at the axis's top, the label says all of it.
    const top = (option.yAxis as { max: number }).max;
    expect(top).toBeLessThan(11);
    expect(band?.[1].yAxis).toBe(top);
    // Within reach, the axis takes it in.
    const near = labelScoreOption({ ...base, band: { lower: 4, upper: 12 } });
    expect((near.yAxis as { max: number }).max).toBeGreaterThanOrEqual(12);
  });
  it("fits the score axis to the visible steps and marks a threshold far above them on the edge", () => {
    // The labelling page's case: scores up to 595, the refined threshold jumped to 5,737.
    const score = Float32Array.from({ length: 100 }, (_, i) => 100 + (i % 50) * 10);
    const marks = [
      { label: "refined", value: 5737 },
      { label: "unsupervised", value: 374, dimmed: true },
    ];
    const fit = fitScoreAxis(score, { from: 0, to: 100 }, marks);
    expect(fit.max).toBeLessThan(700);
    expect(fit.min).toBeLessThanOrEqual(100);
    expect(fit.inView.map((t) => t.label)).toEqual(["unsupervised"]);
    expect(fit.offScale).toEqual([{ label: "refined", value: 5737, side: "above", edge: fit.max }]);
    const option = labelScoreOption({
      score,
      context: { from: 0, to: 100 },
      candidate: { from: 10, to: 90 },
      onset: null,
      thresholds: marks,
      view: { from: 0, to: 100 },
    });
    const lines = (option.series as { markLine: { data: { yAxis?: number; label: { formatter: string } }[] } }[])[0]?.markLine.data ?? [];
    expect(lines.map((l) => l.label.formatter)).toEqual(["unsupervised 374.000", "▲ refined 5737.000 — above the plot"]);
    expect(lines[1]?.yAxis).toBe(fit.max);
    // Zoomed into the first ten steps (scores 100–190) the axis follows them, and 374 is beyond reach too.
    const zoomed = fitScoreAxis(score, { from: 0, to: 10 }, marks);
    expect(zoomed.max).toBeLessThan(250);
    expect(zoomed.offScale.map((t) => t.label)).toEqual(["refined", "unsupervised"]);
  });
  it("marks a threshold far below the visible scores on the bottom edge", () => {
    const fit = fitScoreAxis(Float32Array.of(1000, 1010, 1020), { from: 0, to: 3 }, [{ label: "refined", value: 5 }]);
    expect(fit.offScale).toEqual([{ label: "refined", value: 5, side: "below", edge: fit.min }]);
    expect(fit.min).toBeGreaterThan(900);
  });
  it("keeps a threshold below every score shown in view, and leaves the axis alone otherwise", () => {
    const range = scoreAxisRange([0.5, 3], [0.5, 3]) as Axis;
    expect(range.min({ min: 2 })).toBeLessThanOrEqual(0.5);
    expect(range.min({ min: 0.1 })).toBeNull();
    expect(range.max({ max: 10 })).toBe(10);
    expect((scoreAxisRange([], []) as Axis).min({ min: 1 })).toBeNull();
  });
  it("reduces long scores to the points a chart can draw", () => {
    const score = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    expect(scorePoints(score, { from: 0, to: 5000 }, 500)).toHaveLength(500);
  });
  it("gives a zoom window every point at full resolution, the rest of the range its former density", () => {
    const score = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    const points = scorePoints(score, { from: 0, to: 5000 }, 500, { from: 2000, to: 2300 });
    const inside = points.filter(([x]) => x >= 2000 && x < 2300);
    expect(inside).toHaveLength(300);
    expect(inside[17]).toEqual([2017, score[2017]]);
    expect(points.length - inside.length).toBe(200 + 270);
    expect(points.map(([x]) => x)).toEqual([...points.map(([x]) => x)].sort((a, b) => a - b));
  });
  it("shades the marked region on the score and the channels", () => {
    const score = Float32Array.from({ length: 10 }, (_, i) => i);
    const base = { context: { from: 0, to: 10 }, candidate: { from: 2, to: 9 }, onset: 4, view: { from: 0, to: 10 } };
    const option = labelScoreOption({ ...base, score, thresholds: [], region: { from: 4, to: 7 } });
    const areas = (option.series as AreaSeries[])[0]?.markArea.data ?? [];
    expect(areas.at(-1)).toEqual([
      {
        xAxis: 4,
        itemStyle: { color: REGION_COLOR },
        label: { show: true, formatter: "marked region", color: ONSET_COLOR, position: "insideBottom" },
      },
      { xAxis: 7 },
    ]);
    const channels = labelChannelsOption({ ...base, channels: [{ name: "a", x: [0, 9], y: [1, 2] }], region: { from: 4, to: 7 } });
    expect((channels.series as AreaSeries[])[0]?.markArea.data.at(-1)?.[0]).toMatchObject({ xAxis: 4, label: { show: false } });
  });
  it("leaves dragging on the score plot to the region selection (the wheel and the slider still zoom)", () => {
    const option = labelScoreOption({
      score: [1, 2, 3],
      context: { from: 0, to: 3 },
      candidate: { from: 0, to: 3 },
      onset: null,
      thresholds: [],
      view: { from: 0, to: 3 },
    });
    expect((option.dataZoom as { type: string; moveOnMouseMove?: boolean }[])[0]).toMatchObject({ type: "inside", moveOnMouseMove: false });
  });
  it("on the symlog scale, places scores, thresholds and band by sign·log10(1+|s|) and labels them with the scores", () => {
    // NLL scores can be negative: the transform keeps them on the plot, in order.
    const score = Float32Array.of(-5, 0, 20, 600, 40);
    const input = {
      score,
      context: { from: 0, to: 5 },
      candidate: { from: 0, to: 5 },
      onset: 3,
      thresholds: [{ label: "refined", value: 374 }],
      view: { from: 0, to: 5 },
      band: { lower: 99, upper: 500 },
      scale: "symlog" as const,
    };
    const option = labelScoreOption(input);
    const series = (
      option.series as { data: [number, number][]; markLine: { data: { yAxis?: number; label: { formatter: string } }[] } }[]
    )[0];
    series?.data.forEach(([, y], i) => expect(y).toBeCloseTo(symlog(score[i]!), 6));
    expect(series?.markLine.data[0]?.yAxis).toBeCloseTo(symlog(374), 6);
    expect(series?.markLine.data[0]?.label.formatter).toBe("refined 374.000");
    const band = (option.series as AreaSeries[])[0]?.markArea.data[0];
    expect(band?.[0].yAxis).toBeCloseTo(2, 6);
    expect((band?.[0].label as { formatter: string }).formatter).toBe("optimal interval (99.000, 500.000]");
    const axis = option.yAxis as { name: string; min: number; max: number; axisLabel: { formatter: (v: number) => string } };
    expect(axis.name).toBe(SYMLOG_AXIS_NAME);
    expect(axis.min).toBeLessThan(symlog(-5));
    expect(axis.max).toBeGreaterThan(symlog(600));
    expect(axis.axisLabel.formatter(symlog(100))).toBe("100");
    expect(scoreAxisOf(input)).toMatchObject({ min: axis.min, max: axis.max, offScale: [] });
  });
  it("ends the score axis on a readable number", () => {
    expect(niceCeil(43.936)).toBe(44);
    expect(niceCeil(0.1234)).toBeCloseTo(0.13);
    expect(niceFloor(43.936)).toBe(43);
    expect(niceFloor(-0.1234)).toBeCloseTo(-0.13);
  });
});

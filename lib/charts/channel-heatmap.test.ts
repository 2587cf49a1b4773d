import { describe, expect, it } from "vitest";
import {
  cellRect,
  channelCount,
  channelHeatmapOption,
  drivingChannel,
  heatColumns,
  heatmapHeight,
  HEATMAP_LAYOUT,
  type HeatCell,
} from "./channel-heatmap";
import { labelScoreOption } from "./label-options";
import { symlog } from "./symlog";

// Three channels over 8 steps, channel-major: channel 1 jumps at step 5, where the summed score peaks.
const length = 8;
const parts = [
  [1, 1, 1, 1, 1, 2, 1, 1],
  [0, 0, 0, 0, 0, 40, 30, 0],
  [-2, -2, -2, -2, -2, -1, -2, -2],
];
const channelScores = Float32Array.from(parts.flat());

describe("channel heat map", () => {
  it("counts the channels the stored values hold", () => {
    expect(channelCount(24, 8)).toBe(3);
    expect(channelCount(25, 8)).toBe(0);
    expect(channelCount(0, 0)).toBe(0);
  });

  it("gives every step its own column when the range has fewer steps than bins", () => {
    const columns = heatColumns(channelScores, length, { from: 0, to: 8 }, 100);
    expect(columns).toHaveLength(8);
    expect(columns[5]).toEqual({ from: 5, to: 6, peak: 5, total: 41, parts: [2, 40, -1] });
  });

  it("cuts a range into columns and takes each column's parts at its peak step, so they add up to the score there", () => {
    const columns = heatColumns(channelScores, length, { from: 2, to: 8 }, 2);
    expect(columns.map((c) => [c.from, c.to, c.peak, c.total])).toEqual([
      [2, 5, 2, -1],
      [5, 8, 5, 41],
    ]);
    for (const c of columns) expect(c.parts.reduce((a, b) => a + b, 0)).toBe(c.total);
  });

  it("names the channel that drives the highest score", () => {
    expect(drivingChannel(heatColumns(channelScores, length, { from: 0, to: 8 }))).toEqual({ channel: 1, step: 5, part: 40, total: 41 });
    expect(drivingChannel([])).toBeNull();
  });

  it("draws cells of column × channel, first channel on top, coloured over the parts' range", () => {
    const option = channelHeatmapOption({ channelScores, length, channelNames: ["speed", "torque", "current"], range: { from: 0, to: 8 } });
    const series = (option.series as { data: HeatCell[] }[])[0];
    expect(series?.data).toHaveLength(24);
    // Steps [5, 6), channel 1 (torque), coloured by 40; its peak step 5, part 40 of the score 41 there.
    expect(series?.data).toContainEqual([5, 6, 1, 40, 5, 40, 41]);
    expect(option.yAxis).toMatchObject({ type: "category", data: ["speed", "torque", "current"], inverse: true });
    expect(option.visualMap).toMatchObject({ min: -2, max: 40 });
    expect(heatmapHeight(3)).toBe(HEATMAP_LAYOUT.top + 3 * HEATMAP_LAYOUT.rowHeight + HEATMAP_LAYOUT.bottom);
  });

  it("colours by symlog on the log scale, the legend still in score units", () => {
    const option = channelHeatmapOption({
      channelScores,
      length,
      channelNames: ["a", "b", "c"],
      range: { from: 0, to: 8 },
      scale: "symlog",
    });
    expect(option.visualMap).toMatchObject({ min: symlog(-2), max: symlog(40) });
    expect((option.visualMap as { text: string[] }).text[0]).toBe("40");
  });

  it("shares the score plot's time axis: the same range and the same h:mm:ss labels", () => {
    const range = { from: 2, to: 8 };
    const option = channelHeatmapOption({ channelScores, length, channelNames: ["a", "b", "c"], range, samplingRate: 2 });
    const x = option.xAxis as { type: string; min: number; max: number; name: string; axisLabel: { formatter: (v: number) => string } };
    expect([x.type, x.min, x.max, x.name]).toEqual(["value", 2, 7, "time (h:mm:ss)"]);
    expect(x.axisLabel.formatter(7)).toBe("0:00:03.5");
    // The score plot above it shows the same steps (its zoom window) with the same labels.
    const score = labelScoreOption({
      score: new Float32Array(length),
      samplingRate: 2,
      context: { from: 0, to: 8 },
      candidate: range,
      onset: null,
      thresholds: [],
      view: range,
    });
    const zoom = (score.dataZoom as { startValue: number; endValue: number }[])[0];
    expect([zoom?.startValue, zoom?.endValue]).toEqual([x.min, x.max]);
    expect((score.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(7)).toBe("0:00:03.5");
  });

  it("draws a column's cell from half a step before its first step to half a step before the next column, clipped to the plot", () => {
    // An axis from step 0 at x = 100 to step 10 at x = 200 (10 px a step); rows 20 px high, row c centred at 30 + 20·c.
    const api = (from: number, to: number, channel: number) => ({
      value: (dim: number) => [from, to, channel][dim] ?? 0,
      coord: ([step = 0, row = 0]: number[]) => [100 + 10 * step, 30 + 20 * row],
      size: () => [10, 20],
      visual: () => "#000",
    });
    const grid = { x: 100, y: 20, width: 100, height: 60 };
    expect(cellRect(api(3, 5, 1), grid)).toEqual({ x: 125, y: 40, width: 20, height: 20 });
    expect(cellRect(api(0, 1, 0), grid)).toEqual({ x: 100, y: 20, width: 5, height: 20 });
    expect(cellRect(api(12, 14, 0), grid)).toBeNull();
  });
});

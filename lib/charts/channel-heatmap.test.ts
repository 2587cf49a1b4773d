import { describe, expect, it } from "vitest";
import { channelCount, channelHeatmapOption, drivingChannel, heatColumns, heatmapHeight, HEATMAP_LAYOUT } from "./channel-heatmap";
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
    const series = (option.series as { data: [number, number, number][] }[])[0];
    expect(series?.data).toHaveLength(24);
    expect(series?.data).toContainEqual([5, 1, 40]);
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
});

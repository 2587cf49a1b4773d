import { describe, expect, it } from "vitest";
import { buildSequenceOption, CHANNEL_COLORS, chartHeight, GROUND_TRUTH_COLOR, LAYOUT, tooltipHtml } from "./sequence-options";
import { formatElapsed } from "./time-format";

const channels = [
  { name: "speed", x: [0, 5, 9], y: [1, 2, 3] },
  { name: "torque", x: [0, 4, 9], y: [-1, 0, 1] },
];

function build(groundTruth: [number, number][] | null = null) {
  return buildSequenceOption({ channels, samplingRate: 2, length: 10, window: { from: 2, to: 8 }, groundTruth });
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

describe("buildSequenceOption", () => {
  it("stacks one grid per channel with its own y axis", () => {
    const option = build();
    const grids = asArray(option.grid);
    expect(grids).toHaveLength(2);
    expect(grids.map((g) => g.top)).toEqual([LAYOUT.top, LAYOUT.top + LAYOUT.gridHeight + LAYOUT.gap]);
    expect(asArray(option.yAxis).map((a) => a.name)).toEqual(["speed", "torque"]);
    expect(asArray(option.yAxis).every((a) => a.type === "value" && "scale" in a && a.scale)).toBe(true);
    expect(chartHeight(2)).toBe(LAYOUT.top + 2 * LAYOUT.gridHeight + LAYOUT.gap + LAYOUT.bottom);
  });

  it("shares one zoom over all time axes, in seconds", () => {
    const zooms = asArray(build().dataZoom);
    expect(zooms).toHaveLength(2);
    for (const z of zooms) {
      expect(z.xAxisIndex).toEqual([0, 1]);
      expect(z.startValue).toBe(1);
      expect(z.endValue).toBe(3.5);
    }
    const axes = asArray(build().xAxis);
    expect(axes.map((a) => ("max" in a ? a.max : undefined))).toEqual([4.5, 4.5]);
  });

  it("plots steps as seconds", () => {
    const series = asArray(build().series);
    expect(series[0]?.data).toEqual([
      [0, 1],
      [2.5, 2],
      [4.5, 3],
    ]);
  });

  it("shades ground truth only when given", () => {
    expect(asArray(build().series).some((s) => "markArea" in s)).toBe(false);
    const withTruth = asArray(build([[6, 10]]).series)[0];
    expect(withTruth?.markArea?.itemStyle?.color).toBe(GROUND_TRUTH_COLOR);
    expect(withTruth?.markArea?.data).toEqual([[{ xAxis: 3 }, { xAxis: 4.5 }]]);
  });
});

describe("colours and tooltip", () => {
  it("keeps a channel's colour by its index when others are hidden", () => {
    const option = buildSequenceOption({
      channels: [{ name: "c", index: 2, x: [0], y: [1] }],
      samplingRate: 1,
      length: 1,
      window: { from: 0, to: 1 },
      groundTruth: null,
    });
    expect(asArray(option.series)[0]?.color).toBe(CHANNEL_COLORS[2]);
  });

  it("writes the time once and escapes channel names from CSV headers", () => {
    const html = tooltipHtml([{ seriesName: "<img src=x onerror=alert(1)>", value: [65, 1.25], color: "#123456" }], 2);
    expect(html).toContain("1:05 · step 130");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; <b>1.25</b>");
    expect(html).not.toContain("<img");
  });
});

describe("formatElapsed", () => {
  it("writes seconds, minutes and hours", () => {
    expect(formatElapsed(2.5)).toBe("2.5 s");
    expect(formatElapsed(245)).toBe("4:05");
    expect(formatElapsed(3723)).toBe("1:02:03");
    expect(formatElapsed(500_000)).toBe("138:53:20");
  });
});

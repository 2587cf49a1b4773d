import { describe, expect, it } from "vitest";
import { buildSequenceOption, CHANNEL_COLORS, chartHeight, GROUND_TRUTH_COLOR, LAYOUT, tooltipHtml } from "./sequence-options";
import { CHART_PALETTES } from "./theme";

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
    expect(html).toContain("0:01:05 · step 130");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; <b>1.25</b>");
    expect(html).not.toContain("<img");
  });
});

describe("zoom, units and scheme", () => {
  const long = {
    name: "speed",
    index: 0,
    unit: "km/h",
    x: Array.from({ length: 1000 }, (_, i) => i),
    // A small wiggle around 30 in steps 400–443, far from the 0–120 of the whole drive.
    y: Array.from({ length: 1000 }, (_, i) => (i >= 400 && i < 444 ? 30 + (i % 4) * 0.5 : (i % 121) * 1)),
  };
  const option = (window: { from: number; to: number }) =>
    buildSequenceOption({ channels: [long], samplingRate: 2, length: 1000, window, groundTruth: null });

  it("fits each y axis to the points in the window", () => {
    const whole = asArray(option({ from: 0, to: 1000 }).yAxis)[0] as { min: number; max: number };
    const zoomed = asArray(option({ from: 400, to: 444 }).yAxis)[0] as { min: number; max: number };
    expect(whole.min).toBeLessThanOrEqual(0);
    expect(whole.max).toBeGreaterThanOrEqual(120);
    expect(zoomed.min).toBeGreaterThan(28);
    expect(zoomed.max).toBeLessThan(33);
    expect(zoomed.min).toBeLessThanOrEqual(30);
    expect(zoomed.max).toBeGreaterThanOrEqual(31.5);
  });

  it("names the axis with the unit, labels time as h:mm:ss and puts the unit in the tooltip", () => {
    const o = option({ from: 400, to: 444 });
    expect(asArray(o.yAxis)[0]?.name).toBe("speed (km/h)");
    const x = asArray(o.xAxis)[0] as { axisLabel: { formatter: (v: number) => string } };
    expect(x.axisLabel.formatter(201.5)).toBe("0:03:21.5");
    const html = tooltipHtml([{ seriesName: "speed", value: [201.5, 30.123456], color: "#000", seriesIndex: 0 }], 2, ["km/h"]);
    expect(html).toBe(
      '0:03:21.5 · step 403<br/><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:#000"></span>speed <b>30.12</b> km/h',
    );
  });

  it("draws the overview in the slider and lets a drag select instead of pan", () => {
    const [inside, slider] = asArray(option({ from: 0, to: 1000 }).dataZoom) as { moveOnMouseMove?: boolean; showDataShadow?: boolean }[];
    expect(inside?.moveOnMouseMove).toBe(false);
    expect(slider?.showDataShadow).toBe(true);
  });

  it("takes its colours from the scheme", () => {
    const dark = buildSequenceOption({
      channels: [long],
      samplingRate: 2,
      length: 1000,
      window: { from: 0, to: 1000 },
      groundTruth: [[10, 20]],
      scheme: "dark",
    });
    const s = asArray(dark.series)[0];
    expect(s?.color).toBe(CHART_PALETTES.dark.channels[0]);
    expect(s?.markArea?.itemStyle?.color).toBe(CHART_PALETTES.dark.groundTruth);
  });
});

import { describe, expect, it } from "vitest";
import { contextOf, fitScoreAxis, labelScoreOption, niceCeil, niceFloor, scoreAxisRange, scorePoints } from "./label-options";

type AreaSeries = { markArea: { data: [Record<string, unknown>, Record<string, unknown>][] } };
type Axis = { max: (v: { max: number }) => number; min: (v: { min: number }) => number | null };

describe("labelling charts", () => {
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
  it("ends the score axis on a readable number", () => {
    expect(niceCeil(43.936)).toBe(44);
    expect(niceCeil(0.1234)).toBeCloseTo(0.13);
    expect(niceFloor(43.936)).toBe(43);
    expect(niceFloor(-0.1234)).toBeCloseTo(-0.13);
  });
});

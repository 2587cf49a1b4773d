import { describe, expect, it } from "vitest";
import { contextOf, labelScoreOption, niceCeil, scorePoints } from "./labels-chart";

describe("labelling charts", () => {
  it("pads the candidate with context, inside the sequence", () => {
    expect(contextOf({ from: 0, to: 100 }, 100)).toEqual({ from: 0, to: 100 });
    expect(contextOf({ from: 100, to: 200 }, 210)).toEqual({ from: 75, to: 210 });
  });
  it("draws the score over the context with thresholds and the onset", () => {
    const score = Float32Array.from({ length: 10 }, (_, i) => i);
    const option = labelScoreOption({ score, context: { from: 2, to: 8 }, candidate: { from: 3, to: 6 }, onset: 4, thresholds: [{ label: "refined", value: 5 }, { label: "unsupervised", value: 7, dimmed: true }], view: { from: 2, to: 8 } });
    const series = (option.series as { data: [number, number][]; markLine: { data: unknown[] } }[])[0];
    expect(series?.data[0]).toEqual([2, 2]);
    expect(series?.data).toHaveLength(6);
    expect(series?.markLine.data).toHaveLength(3);
  });
  it("reduces long scores to the points a chart can draw", () => {
    const score = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    expect(scorePoints(score, { from: 0, to: 5000 }, 500)).toHaveLength(500);
  });
  it("ends the score axis on a readable number", () => {
    expect(niceCeil(43.936)).toBe(44);
    expect(niceCeil(0.1234)).toBeCloseTo(0.13);
  });
});

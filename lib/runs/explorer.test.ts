import { describe, expect, it } from "vitest";
import { describeLabelBy, filterRows, labelStates, NO_FILTER, predictedStatus, sortRows, sparkGeometry, sparkPoints } from "./explorer";

const row = (name: string, split: string, max: number, labelState: "anomalous" | "normal" | "queried" | "not-queried" = "not-queried") => ({
  name,
  split,
  max,
  labelState,
});
const rows = [row("s10", "test", 5), row("s2", "validation", 9, "normal"), row("s1", "train", 1), row("s3", "test", 9, "anomalous")];

describe("score explorer", () => {
  it("predicts anomalous at or above the threshold, nothing without one", () => {
    expect(predictedStatus(5, 5)).toBe("anomalous");
    expect(predictedStatus(4.99, 5)).toBe("normal");
    expect(predictedStatus(Number.NaN, 5)).toBe("normal");
    expect(predictedStatus(5, null)).toBeNull();
  });

  it("filters by predicted status, split and label state together", () => {
    expect(filterRows(rows, NO_FILTER, 5)).toHaveLength(4);
    expect(filterRows(rows, { ...NO_FILTER, predicted: "anomalous" }, 5).map((r) => r.name)).toEqual(["s10", "s2", "s3"]);
    expect(filterRows(rows, { ...NO_FILTER, predicted: "normal" }, 5).map((r) => r.name)).toEqual(["s1"]);
    expect(filterRows(rows, { ...NO_FILTER, split: "test" }, 5).map((r) => r.name)).toEqual(["s10", "s3"]);
    expect(filterRows(rows, { predicted: "anomalous", split: "test", label: "anomalous" }, 5).map((r) => r.name)).toEqual(["s3"]);
    expect(filterRows(rows, { ...NO_FILTER, predicted: "normal" }, null)).toEqual([]);
  });

  it("sorts by max score (ties by name), by name naturally, and by split", () => {
    expect(sortRows(rows, "max").map((r) => r.name)).toEqual(["s2", "s3", "s10", "s1"]);
    expect(sortRows(rows, "max", true).map((r) => r.name)).toEqual(["s1", "s10", "s3", "s2"]);
    expect(sortRows(rows, "name").map((r) => r.name)).toEqual(["s1", "s2", "s3", "s10"]);
    expect(sortRows(rows, "split").map((r) => r.name)).toEqual(["s1", "s2", "s3", "s10"]);
    expect(sortRows([row("a", "test", Number.NaN), row("b", "test", 1)], "max").map((r) => r.name)).toEqual(["b", "a"]);
  });

  it("gives each sequence the strongest thing said of it", () => {
    const states = labelStates([
      { sequenceId: "a", label: null },
      { sequenceId: "a", label: { anomalous: false } },
      { sequenceId: "b", label: { anomalous: true } },
      { sequenceId: "b", label: { anomalous: false } },
      { sequenceId: "c", label: null },
    ]);
    expect(Object.fromEntries(states)).toEqual({ a: "normal", b: "anomalous", c: "queried" });
  });

  it("max-pools a score into a few points and keeps its peak", () => {
    const score = Float32Array.from({ length: 1000 }, (_, i) => (i === 537 ? 42 : 1));
    const points = sparkPoints(score, 50);
    expect(points).toHaveLength(50);
    expect(Math.max(...points)).toBe(42);
    expect(sparkPoints([1, Number.NaN, 3], 10)).toEqual([1, Number.NaN, 3]);
  });

  it("draws the points in a box that holds both thresholds", () => {
    const g = sparkGeometry([0, 1, 2], [4, null], 100, 20);
    expect(g.path).toBe(`M0 ${g.y(0)}L50 ${g.y(1)}L100 ${g.y(2)}`);
    expect(g.y(4)).toBe(2);
    expect(g.y(0)).toBe(18);
    expect(sparkGeometry([1, Number.NaN, 1], [], 10, 10).path).toBe("M0 5M10 5");
  });

  it("says a label as it was given", () => {
    expect(describeLabelBy({ anomalous: true, onset: 1000, userName: "Erik Expert" })).toBe("anomalous from step 1,000 — Erik Expert");
    expect(describeLabelBy({ anomalous: true, onset: 1000, regionEnd: 1500, userName: "Erik Expert" }, 10)).toBe(
      "anomalous from 0:01:40 to 0:02:30 (steps 1,000–1,500) — Erik Expert",
    );
    expect(describeLabelBy({ anomalous: false, onset: null, userName: "Eva Expert" }, 10)).toBe("normal — Eva Expert");
  });
});

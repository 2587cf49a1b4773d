import { describe, expect, it } from "vitest";
import { formatLoadTable, loadPlan, percentile, summarise } from "./load-plan";

const base = { experts: 50, labels: 2000, queries: 40, anomalousQueries: 10, doubledShare: 0.1, droppedShare: 0.05, seed: 3 };

describe("loadPlan", () => {
  it("spreads the labels evenly, each expert on distinct queries", () => {
    const plan = loadPlan({ ...base, labels: 1999 });
    expect(plan.perExpert.flat()).toHaveLength(1999);
    expect(plan.perExpert.map((s) => s.length).sort()).toEqual([...Array(49).fill(40), 39].sort());
    for (const subs of plan.perExpert) expect(new Set(subs.map((s) => s.query)).size).toBe(subs.length);
  });

  it("doubles and drops about the asked shares, reproducibly", () => {
    const plan = loadPlan(base);
    const all = plan.perExpert.flat();
    const doubled = all.filter((s) => s.doubled).length / all.length;
    const dropped = all.filter((s) => s.dropped).length / all.length;
    expect(doubled).toBeGreaterThan(0.07);
    expect(doubled).toBeLessThan(0.13);
    expect(dropped).toBeGreaterThan(0.03);
    expect(dropped).toBeLessThan(0.07);
    expect(loadPlan(base)).toEqual(plan);
  });

  it("refuses more labels than experts × queries", () => {
    expect(() => loadPlan({ ...base, labels: 2001 })).toThrow(RangeError);
  });
});

describe("percentile and summarise", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("gives requests per second and formats a side-by-side table", () => {
    const s = summarise([10, 20, 30, 40], 2);
    expect(s).toMatchObject({ requests: 4, perSecond: 2, p50: 20, p99: 40 });
    const table = formatLoadTable([{ database: "sqlite", workload: "labels", ...s }]);
    expect(table.split("\n")[1]).toMatch(/^sqlite\s+labels\s+4\s+2\.0\s+20\s+40\s+40$/);
  });
});

import { describe, expect, it } from "vitest";
import { importMappingSchema, readChannelUnits, unitsInChannelOrder } from "./dataset-import";

const mapping = (split: { train: number; validation: number; test: number }) => ({
  name: "x",
  timestampColumn: null,
  samplingRate: 1,
  sequenceColumn: null,
  channels: ["a"],
  labelColumn: null,
  targetRate: null,
  split: { kind: "ratios", seed: 1, ...split },
  missing: "reject",
});

describe("importMappingSchema split ratios", () => {
  it("accepts ratios with training data that add up to 1", () => {
    expect(importMappingSchema.safeParse(mapping({ train: 1, validation: 0, test: 0 })).success).toBe(true);
    expect(importMappingSchema.safeParse(mapping({ train: 0.6, validation: 0.2, test: 0.2 })).success).toBe(true);
  });

  it("refuses a train ratio of 0 instead of moving a sequence into train anyway", () => {
    const result = importMappingSchema.safeParse(mapping({ train: 0, validation: 0, test: 1 }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["The train ratio must be above 0: a detector needs training data"]);
  });

  it("refuses ratios that do not add up to 1", () => {
    expect(importMappingSchema.safeParse(mapping({ train: 0.5, validation: 0, test: 0 })).success).toBe(false);
  });
});

describe("channel units", () => {
  const base = mapping({ train: 1, validation: 0, test: 0 });

  it("are optional and kept trimmed per channel", () => {
    expect(importMappingSchema.parse(base).channelUnits).toEqual({});
    expect(importMappingSchema.parse({ ...base, channelUnits: { a: " km/h " } }).channelUnits).toEqual({ a: "km/h" });
  });

  it("refuse a unit for a column that is not a channel, a long one and markup", () => {
    const message = (channelUnits: Record<string, string>) =>
      importMappingSchema.safeParse({ ...base, channelUnits }).error?.issues.map((i) => i.message);
    expect(message({ b: "V" })).toEqual(['A unit is given for "b", which is not a channel']);
    expect(message({ a: "x".repeat(25) })).toEqual(["A unit is at most 24 characters"]);
    expect(message({ a: "<b>" })).toEqual(["A unit cannot hold control characters or < >"]);
  });

  it("are stored in channel order and read back one per channel", () => {
    expect(unitsInChannelOrder(["a", "b", "c"], { c: "°C", a: "km/h", b: "" })).toEqual(["km/h", null, "°C"]);
    expect(readChannelUnits(["km/h", null], 3)).toEqual(["km/h", null, null]);
    expect(readChannelUnits(null, 2)).toEqual([null, null]);
    expect(readChannelUnits({ a: 1 }, 1)).toEqual([null]);
  });
});

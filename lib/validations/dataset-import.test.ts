import { describe, expect, it } from "vitest";
import { importMappingSchema } from "./dataset-import";

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

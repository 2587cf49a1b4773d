import { describe, expect, it } from "vitest";
import { readImportSplitInfo, splitChangesSchema } from "./split";

describe("splitChangesSchema", () => {
  it("takes a list of sequence ids with their new split", () => {
    const body = {
      changes: [
        { sequenceId: "a", split: "test" },
        { sequenceId: "b", split: "train" },
      ],
    };
    expect(splitChangesSchema.parse(body)).toEqual(body);
  });

  it("refuses an empty list, an unknown split, a missing id and an id listed twice", () => {
    expect(splitChangesSchema.safeParse({ changes: [] }).success).toBe(false);
    expect(splitChangesSchema.safeParse({ changes: [{ sequenceId: "a", split: "holdout" }] }).success).toBe(false);
    expect(splitChangesSchema.safeParse({ changes: [{ split: "test" }] }).success).toBe(false);
    expect(splitChangesSchema.safeParse({}).success).toBe(false);
    const twice = splitChangesSchema.safeParse({
      changes: [
        { sequenceId: "a", split: "test" },
        { sequenceId: "a", split: "train" },
      ],
    });
    expect(twice.error?.issues[0]?.message).toBe("Sequence a is listed twice");
  });
});

describe("readImportSplitInfo", () => {
  it("reads units, method, ratios and the last edit of a CSV import", () => {
    const info = readImportSplitInfo({
      source: "csv",
      mapping: { name: "x", split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2, seed: 1 } },
      units: ["v1", "v1", null],
      splitMethod: "grouped",
      splitsEdited: { at: "2025-01-01T00:00:00.000Z", by: "u1", sequences: 2 },
    });
    expect(info).toEqual({
      mapping: { split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2 } },
      units: ["v1", "v1", null],
      splitMethod: "grouped",
      splitsEdited: { at: "2025-01-01T00:00:00.000Z", by: "u1", sequences: 2 },
    });
  });

  it("reads the demo generator's ratios, and anything else as empty", () => {
    expect(readImportSplitInfo({ source: "generator", splitRatios: { train: 0.6, validation: 0.2, test: 0.2 } }).splitRatios).toEqual({
      train: 0.6,
      validation: 0.2,
      test: 0.2,
    });
    expect(readImportSplitInfo(null)).toEqual({});
    expect(readImportSplitInfo("nonsense")).toEqual({});
    expect(readImportSplitInfo({ units: "not a list", mapping: { split: { kind: "column", column: "s" } } })).toEqual({});
  });
});

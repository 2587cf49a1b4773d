import { describe, expect, it } from "vitest";
import { DEFAULT_POOL_RULE, poolSequences, poolSplits, poolSplitsText, thinPoolNote } from "./pool-rule";

const sequences = [
  { id: "a", split: "train" },
  { id: "b", split: "validation" },
  { id: "c", split: "test" },
  { id: "d", split: "validation" },
  { id: "e", split: "train" },
];

describe("the query pool rule", () => {
  it("offers only the validation split by default", () => {
    expect(poolSequences(sequences).map((s) => s.id)).toEqual(["b", "d"]);
    expect(poolSequences(sequences, DEFAULT_POOL_RULE).map((s) => s.id)).toEqual(["b", "d"]);
    expect(poolSplitsText()).toBe("validation");
  });
  it("adds the train split on request, in the order given", () => {
    expect(poolSequences(sequences, { includeTrain: true }).map((s) => s.id)).toEqual(["a", "b", "d", "e"]);
    expect(poolSplits({ includeTrain: true })).toEqual(["train", "validation"]);
    expect(poolSplitsText({ includeTrain: true })).toBe("train + validation");
  });
  it("never offers the test split, nor a split it does not know", () => {
    for (const includeTrain of [false, true]) {
      const pool = poolSequences([...sequences, { id: "x", split: "holdout" }], { includeTrain });
      expect(pool.some((s) => s.split === "test" || s.split === "holdout")).toBe(false);
    }
  });
});

describe("thinPoolNote", () => {
  it("suggests the train split when the validation split holds fewer than 3 sequences, and only then", () => {
    expect(thinPoolNote(2)).toMatch(/^Only 2 validation sequences in the pool/);
    expect(thinPoolNote(1)).toMatch(/^Only 1 validation sequence in the pool/);
    expect(thinPoolNote(3)).toBeNull();
    expect(thinPoolNote(1, { includeTrain: true })).toBeNull();
  });
});

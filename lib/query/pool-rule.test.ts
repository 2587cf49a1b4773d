import { describe, expect, it } from "vitest";
import { DEFAULT_POOL_RULE, defaultPoolRule, poolSequences, poolSplits, poolSplitsText, resolvePoolRule, thinPoolNote } from "./pool-rule";

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

describe("the pool a run starts with", () => {
  it("is validation only from 3 validation sequences up, and adds train below", () => {
    expect(defaultPoolRule(3)).toEqual({ includeTrain: false });
    expect(defaultPoolRule(16)).toEqual({ includeTrain: false });
    expect(defaultPoolRule(2)).toEqual({ includeTrain: true });
    expect(defaultPoolRule(0)).toEqual({ includeTrain: true });
  });
  it("resolves the harness's modes the same way, and fixed modes regardless of the count", () => {
    for (const n of [0, 1, 2, 3, 10]) {
      expect(resolvePoolRule("auto", n)).toEqual(defaultPoolRule(n));
      expect(resolvePoolRule("validation", n)).toEqual({ includeTrain: false });
      expect(resolvePoolRule("validation+train", n)).toEqual({ includeTrain: true });
    }
  });
});

describe("thinPoolNote", () => {
  it("suggests the train split when the validation split holds fewer than 3 sequences and train is out", () => {
    expect(thinPoolNote(2)).toMatch(/^Only 2 validation sequences in the pool: .*Consider the train split too/);
    expect(thinPoolNote(1)).toMatch(/^Only 1 validation sequence in the pool/);
  });
  it("says why train is in when a thin split put it there, and how to leave it out", () => {
    expect(thinPoolNote(2, { includeTrain: true })).toMatch(
      /^Only 2 validation sequences: too few .* train split is in the pool too.*Untick it/,
    );
  });
  it("says nothing when validation is not thin, whatever the rule", () => {
    expect(thinPoolNote(3)).toBeNull();
    expect(thinPoolNote(3, { includeTrain: true })).toBeNull();
  });
});

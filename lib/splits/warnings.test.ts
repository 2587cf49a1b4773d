import { describe, expect, it } from "vitest";
import type { Split } from "../series/types";
import { median, queryWarnings, splitWarnings, suggestedSegment, type SplitSequence } from "./warnings";

/** `n` sequences of `length` steps in `split`; the first `anomalous` of them anomalous (null: no ground truth). */
function seqs(
  split: Split,
  n: number,
  anomalous: number | null,
  length = 200,
  unit: (i: number) => string | null = () => null,
): SplitSequence[] {
  return Array.from({ length: n }, (_, i) => ({ split, length, anomalous: anomalous === null ? null : i < anomalous, unit: unit(i) }));
}

const codes = (warnings: { code: string; split: Split | null }[]) => warnings.map((w) => `${w.code}${w.split ? `:${w.split}` : ""}`);

describe("splitWarnings", () => {
  it("is quiet for a well-made split", () => {
    expect(splitWarnings([...seqs("train", 36, 6), ...seqs("validation", 12, 2), ...seqs("test", 12, 2)])).toEqual([]);
  });

  it("warns about a split without anomalies only when there is ground truth", () => {
    const withTruth = [...seqs("train", 36, 6), ...seqs("validation", 12, 2), ...seqs("test", 12, 0)];
    expect(codes(splitWarnings(withTruth))).toEqual(["no_anomalies:test"]);
    expect(splitWarnings(withTruth)[0]?.message).toBe(
      "The test split holds none of the 8 anomalous sequences (by the ground truth): recall and F1 on the test split cannot be measured.",
    );
    expect(splitWarnings([...seqs("train", 36, null), ...seqs("validation", 12, null), ...seqs("test", 12, null)])).toEqual([]);
    expect(codes(splitWarnings([...seqs("train", 36, 0), ...seqs("validation", 12, 0), ...seqs("test", 12, 0)]))).toEqual([
      "no_anomalies_at_all",
    ]);
  });

  it("warns about an empty validation or test split and a test split of fewer than 5", () => {
    expect(codes(splitWarnings([...seqs("train", 40, null), ...seqs("test", 20, null)]))).toEqual(["empty_split:validation"]);
    expect(codes(splitWarnings([...seqs("train", 40, null), ...seqs("validation", 20, null)]))).toEqual(["empty_split:test"]);
    const small = splitWarnings([...seqs("train", 40, null), ...seqs("validation", 16, null), ...seqs("test", 4, null)]);
    expect(codes(small)).toEqual(["small_test:test"]);
    expect(small[0]?.message).toContain("only 4 sequences (fewer than 5)");
  });

  it("suggests segments for few or long sequences", () => {
    const few = splitWarnings([...seqs("train", 12, null, 3000), ...seqs("validation", 4, null, 3000), ...seqs("test", 5, null, 3000)]);
    expect(codes(few)).toEqual(["few_long"]);
    expect(few[0]?.message).toBe(
      "Few and long sequences: only 21 sequences, a median length of 3,000 steps (over 20 windows of 64 steps). Querying whole sequences gives the experts few candidates to choose from; query segments instead (Segment length on a run's page, e.g. 512 steps).",
    );
    expect(codes(queryWarnings(100, 1281))).toEqual(["few_long"]);
    expect(queryWarnings(100, 1280)).toEqual([]);
    expect(queryWarnings(29, null)[0]?.message).toContain("Few sequences: only 29 sequences.");
    expect(queryWarnings(30, 100)).toEqual([]);
  });

  it("warns about units that span splits", () => {
    const unit = (i: number) => `v${i % 3}`;
    const leak = [
      ...seqs("train", 30, null, 200, unit),
      ...seqs("validation", 15, null, 200, () => "v9"),
      ...seqs("test", 15, null, 200, () => "v0"),
    ];
    const warnings = splitWarnings(leak);
    expect(codes(warnings)).toEqual(["unit_leak"]);
    expect(warnings[0]?.message).toContain('A unit has sequences in more than one split — "v0" (train, test)');
  });
});

describe("helpers", () => {
  it("median and suggested segment", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(suggestedSegment(3000)).toBe(512);
    expect(suggestedSegment(100)).toBe(128);
  });
});

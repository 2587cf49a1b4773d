import { describe, expect, it } from "vitest";
import { ratioNotes } from "./ratio-notes";

const messages = (notes: { message: string }[]) => notes.map((n) => n.message);

describe("ratioNotes", () => {
  it("says nothing when the ratios work out", () => {
    expect(ratioNotes(30, { train: 0.6, validation: 0.2, test: 0.2 })).toEqual([]);
    expect(ratioNotes(0, { train: 0.6, validation: 0.2, test: 0.2 })).toEqual([]);
  });

  it("says a train ratio of 0 is refused (the import answers 422), and explains a small one that rounds to 0", () => {
    const refused = ratioNotes(1, { train: 0, validation: 0, test: 1 });
    expect(refused.map((n) => [n.code, n.split])).toContainEqual(["ratio_adjusted", "train"]);
    expect(messages(refused)[0]).toBe("A train ratio of 0 is refused: a detector needs training data; give train a share above 0.");
    const notes = ratioNotes(1, { train: 0.1, validation: 0, test: 0.9 });
    expect(notes.map((n) => [n.code, n.split])).toEqual([
      ["ratio_adjusted", "train"],
      ["ratio_adjusted", "test"],
    ]);
    expect(messages(notes)).toEqual([
      "10 % train of 1 sequence is 0; 1 sequence went to train anyway, because a detector needs training data.",
      "The test ratio is 90 %, but with 1 sequence none is left for test (1 sequence went to train instead).",
    ]);
  });

  it("names a validation sequence taken from train, and a split left empty by a small count", () => {
    expect(messages(ratioNotes(2, { train: 0.9, validation: 0.1, test: 0 }))).toEqual([
      "10 % validation of 2 sequences is 0; 1 sequence went to validation anyway, because early stopping and the unsupervised threshold need one.",
    ]);
    expect(messages(ratioNotes(2, { train: 0.8, validation: 0.1, test: 0.1 }))).toEqual([
      "10 % validation of 2 sequences is 0; 1 sequence went to validation anyway, because early stopping and the unsupervised threshold need one.",
      "The test ratio is 10 %, but with 2 sequences none is left for test.",
    ]);
  });

  it("before the count is known, names the zero ratios", () => {
    expect(ratioNotes(null, { train: 0.6, validation: 0.2, test: 0.2 })).toEqual([]);
    expect(ratioNotes(null, { train: 0, validation: 0, test: 1 }).map((n) => n.split)).toEqual(["train", "validation"]);
    expect(messages(ratioNotes(null, { train: 0.8, validation: 0.2, test: 0 }))).toEqual([
      "A test ratio of 0 holds nothing out to evaluate the detector on.",
    ]);
  });

  it("says when the ratios themselves are invalid", () => {
    expect(messages(ratioNotes(5, { train: 0.5, validation: 0.2, test: 0.2 }))).toEqual([
      "The split ratios are invalid: split ratios must sum to 1, got 0.9.",
    ]);
  });
});

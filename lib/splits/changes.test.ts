import { describe, expect, it } from "vitest";
import { applySplitChanges, moveSequence, type EditableSequence } from "./changes";

const SEQUENCES: EditableSequence[] = [
  { id: "a", split: "train", unit: "v1" },
  { id: "b", split: "train", unit: "v1" },
  { id: "c", split: "validation", unit: "v2" },
  { id: "d", split: "test", unit: null },
  { id: "e", split: "train", unit: null },
];

describe("applySplitChanges", () => {
  it("applies changes and says whether the training set changed", () => {
    const moved = applySplitChanges(SEQUENCES, [{ sequenceId: "d", split: "validation" }]);
    expect(moved.ok && { split: moved.splits.get("d"), changed: moved.changed.length, trainChanged: moved.trainChanged }).toEqual({
      split: "validation",
      changed: 1,
      trainChanged: false,
    });
    const intoTrain = applySplitChanges(SEQUENCES, [{ sequenceId: "d", split: "train" }]);
    expect(intoTrain.ok && intoTrain.trainChanged).toBe(true);
    const noop = applySplitChanges(SEQUENCES, [{ sequenceId: "e", split: "train" }]);
    expect(noop.ok && [noop.changed, noop.trainChanged]).toEqual([[], false]);
  });

  it("refuses unknown sequences, an empty training split and a unit cut in two", () => {
    expect(applySplitChanges(SEQUENCES, [{ sequenceId: "zz", split: "test" }])).toMatchObject({
      ok: false,
      problem: "unknown_sequence",
      message: 'The dataset has no sequence "zz".',
    });
    const noTrain = applySplitChanges(
      SEQUENCES,
      ["a", "b", "e"].map((sequenceId) => ({ sequenceId, split: "test" as const })),
    );
    expect(noTrain).toMatchObject({ ok: false, problem: "no_train" });
    expect(applySplitChanges(SEQUENCES, [{ sequenceId: "a", split: "test" }])).toMatchObject({
      ok: false,
      problem: "unit_split",
      message: 'Unit "v1" would be in test and train: move all 2 of its sequences to one split together.',
    });
    const whole = applySplitChanges(SEQUENCES, [
      { sequenceId: "a", split: "test" },
      { sequenceId: "b", split: "test" },
    ]);
    expect(whole.ok).toBe(true);
  });
});

describe("moveSequence", () => {
  it("moves a whole unit, and forgets a move back to the stored split", () => {
    const moved = moveSequence(SEQUENCES, new Map(), "a", "test");
    expect([...moved]).toEqual([
      ["a", "test"],
      ["b", "test"],
    ]);
    expect([...moveSequence(SEQUENCES, moved, "b", "train")]).toEqual([]);
    expect([...moveSequence(SEQUENCES, new Map(), "d", "train")]).toEqual([["d", "train"]]);
    expect([...moveSequence(SEQUENCES, new Map(), "nope", "train")]).toEqual([]);
  });
});

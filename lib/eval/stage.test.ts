import { describe, expect, it } from "vitest";
import { buildStageInput, neededSequences, type EvalSequence } from "./stage";

const sequences: EvalSequence[] = [
  { id: "a", name: "A", truth: { anomalous: false, onset: null } },
  { id: "b", name: "B", truth: { anomalous: true, onset: 2 } },
  { id: "c", name: "C", truth: { anomalous: true, onset: 1 } },
  { id: "d", name: "D", truth: { anomalous: false, onset: null } },
];
const scores = new Map(sequences.map((s, i) => [s.id, Float32Array.from([i, i + 1, i + 2, i + 3])]));
const members = { fraction: 0.5, train: [0, 1], validation: [3] };

describe("buildStageInput", () => {
  const input = buildStageInput({ sequences, members, test: [2], scores });

  it("offers the stage's train and validation sequences as whole-sequence candidates keyed as the app keys them", () => {
    expect(input.pool.map((c) => c.key)).toEqual(["a:0-4", "b:0-4", "d:0-4"]);
    expect(input.pool.map((c) => c.maxScore)).toEqual([3, 4, 6]);
    expect(input.truth.get("b:0-4")).toEqual({ anomalous: true, onset: 2 });
  });

  it("keeps validation scores and labels the test sequences with their ground truth", () => {
    expect(input.validation).toEqual([scores.get("d")]);
    expect(input.test).toEqual([{ scores: scores.get("c"), anomalous: true, onset: 1 }]);
  });

  it("needs the stage's sequences and the fold's test, and fails on a missing score", () => {
    expect(neededSequences(sequences, members, [2]).map((s) => s.id)).toEqual(["a", "b", "d", "c"]);
    expect(() => buildStageInput({ sequences, members, test: [2], scores: new Map() })).toThrow(/no score/);
  });
});

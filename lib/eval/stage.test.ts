import { describe, expect, it } from "vitest";
import { buildStageInput, neededSequences, stretchTruth, type EvalSequence } from "./stage";

const sequences: EvalSequence[] = [
  { id: "a", name: "A", truth: { anomalous: false, onset: null } },
  { id: "b", name: "B", truth: { anomalous: true, onset: 2 } },
  { id: "c", name: "C", truth: { anomalous: true, onset: 1 } },
  { id: "d", name: "D", truth: { anomalous: false, onset: null } },
];
const scores = new Map(sequences.map((s, i) => [s.id, Float32Array.from([i, i + 1, i + 2, i + 3])]));
const members = { fraction: 0.5, train: [0, 1], validation: [3] };

describe("buildStageInput", () => {
  const input = buildStageInput({ sequences, members, test: [2], scores, options: { segmentLength: null, pool: "validation" } });
  const withTrain = buildStageInput({ sequences, members, test: [2], scores, options: { segmentLength: null, pool: "validation+train" } });

  it("offers the validation sequences only, by the app's pool rule; train when opted in; never test", () => {
    expect(input.pool.map((c) => c.key)).toEqual(["d:0-4"]);
    expect(withTrain.pool.map((c) => c.key)).toEqual(["d:0-4", "a:0-4", "b:0-4"]);
    expect(withTrain.pool.map((c) => c.maxScore)).toEqual([6, 3, 4]);
  });

  it("keeps every train + validation candidate and its truth (the reference protocol reads them)", () => {
    expect(input.labelledAll.map((c) => c.key)).toEqual(["a:0-4", "b:0-4", "d:0-4"]);
    expect(input.truth.get("b:0-4")).toEqual({ anomalous: true, onset: 2 });
  });

  it("by default (auto) adds train when the stage's validation split is thin, as the run page does", () => {
    const thin = buildStageInput({ sequences, members, test: [2], scores });
    expect(thin.pool.map((c) => c.key)).toEqual(["d:0-4", "a:0-4", "b:0-4"]);
    const thick = buildStageInput({ sequences, members: { fraction: 1, train: [1], validation: [0, 3, 2] }, test: [], scores });
    expect(thick.pool.map((c) => c.key)).toEqual(["a:0-4", "d:0-4", "c:0-4"]);
  });
  it("cuts pool and test into segments with their exact truth", () => {
    const seg = buildStageInput({ sequences, members, test: [2], scores, options: { segmentLength: 2, pool: "validation+train" } });
    expect(seg.pool.map((c) => c.key)).toEqual(["d:0-2", "d:2-4", "a:0-2", "a:2-4", "b:0-2", "b:2-4"]);
    expect(seg.truth.get("b:0-2")).toEqual({ anomalous: false, onset: null });
    expect(seg.truth.get("b:2-4")).toEqual({ anomalous: true, onset: 0 });
    // Test sequence c is anomalous from step 1: its first segment holds the onset at 1, the second is anomalous throughout.
    expect(seg.test.map((c) => [c.anomalous, c.onset])).toEqual([
      [true, 1],
      [true, 0],
    ]);
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

describe("stretchTruth", () => {
  const labelled: EvalSequence = {
    id: "s",
    name: "S",
    truth: { anomalous: true, onset: 3 },
    labels: Uint8Array.from([0, 0, 0, 1, 1, 0, 0, 1, 0, 0]),
  };

  it("maps step labels exactly: bursts, gaps, an onset inside or before the stretch", () => {
    expect(stretchTruth(labelled, 0, 3)).toEqual({ anomalous: false, onset: null });
    expect(stretchTruth(labelled, 2, 6)).toEqual({ anomalous: true, onset: 1 });
    expect(stretchTruth(labelled, 5, 7)).toEqual({ anomalous: false, onset: null }); // between two bursts
    expect(stretchTruth(labelled, 5, 10)).toEqual({ anomalous: true, onset: 2 });
  });

  it("without step labels, reads the anomaly as running from the onset to the end", () => {
    const { labels: _, ...plain } = labelled;
    expect(stretchTruth(plain, 0, 3)).toEqual({ anomalous: false, onset: null });
    expect(stretchTruth(plain, 2, 6)).toEqual({ anomalous: true, onset: 1 });
    expect(stretchTruth(plain, 5, 7)).toEqual({ anomalous: true, onset: 0 });
  });
});

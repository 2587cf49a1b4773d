import { describe, expect, it } from "vitest";
import { createDetector, loadDetector } from "../detectors";
import { zscore } from "../preprocess";
import { fitLinearRun, unsupervisedThreshold, type RunSequence } from "./linear-fit";

/** Two coupled channels: a is a slow sine, b = 2a + 1 (plus a level shift from `faultAt` on, if given). */
function sequence(id: string, split: RunSequence["split"], phase: number, faultAt?: number): RunSequence {
  const a = new Float32Array(120);
  const b = new Float32Array(120);
  for (let t = 0; t < 120; t++) {
    a[t] = Math.sin(t / 7 + phase) + 0.01 * Math.cos(t * 1.3 + phase);
    b[t] = 2 * (a[t] ?? 0) + 1 + (faultAt !== undefined && t >= faultAt ? 3 : 0) + 0.01 * Math.sin(t * 2.1);
  }
  return { id, split, columns: [a, b] };
}

const stats = { mean: [0, 1], std: [0.7, 1.4] };
const sequences = [
  sequence("t1", "train", 0),
  sequence("t2", "train", 1),
  sequence("t3", "train", 2),
  sequence("v1", "validation", 3),
  sequence("v2", "validation", 4, 60),
  sequence("x1", "test", 5, 90),
];

describe("fitLinearRun", () => {
  it("the highest validation step is the unsupervised threshold; other splits do not count", () => {
    const score = (values: number[]) => Float32Array.from(values);
    expect(
      unsupervisedThreshold([
        { split: "train", score: score([9]) },
        { split: "validation", score: score([1, 3, 2]) },
        { split: "validation", score: score([2.5]) },
        { split: "test", score: score([7]) },
      ]),
    ).toBe(3);
    expect(unsupervisedThreshold([{ split: "train", score: score([1]) }])).toBe(-Infinity);
  });

  it("scores every sequence exactly as the detector fitted on the z-scored training split does", async () => {
    const run = await fitLinearRun(sequences, stats, { windowSize: 16, seed: 1 });
    expect(run.weights.kind).toBe("linear");
    expect(run.weights.config).toMatchObject({ features: 2, windowSize: 16, lags: 2, ridge: 1, seed: 1 });
    expect(run.training).toMatchObject({ bestEpoch: 0, monitored: "validation", stopReason: "completed" });
    expect(run.scores.map((s) => s.sequenceId)).toEqual(["t1", "t2", "t3", "v1", "v2", "x1"]);

    const reference = createDetector("linear", { features: 2, windowSize: 16, seed: 1 });
    const z = (s: RunSequence) => zscore(s.columns, stats);
    await reference.train({ train: sequences.slice(0, 3).map(z), validation: sequences.slice(3, 5).map(z) });
    const loaded = await loadDetector(run.weights);
    for (const [i, s] of sequences.entries()) {
      const expected = await reference.score(z(s));
      expect(run.scores[i]?.score).toEqual(expected.score);
      expect(run.scores[i]?.channelScores).toEqual(expected.channelScores);
      expect((await loaded.score(z(s))).score).toEqual(expected.score);
    }
    // The validation sequence with the fault holds the highest validation score; the test fault does not count.
    const max = (id: string) => Math.max(...(run.scores.find((s) => s.sequenceId === id)?.score ?? []));
    expect(run.threshold).toBe(max("v2"));
    expect(max("v2")).toBeGreaterThan(10 * Math.abs(max("v1")));
  });

  it("refuses a run without a validation sequence", async () => {
    await expect(fitLinearRun(sequences.slice(0, 3), stats, { windowSize: 16, seed: 1 })).rejects.toThrow(/no unsupervised threshold/);
  });
});

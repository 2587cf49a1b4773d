import { describe, expect, it } from "vitest";
import { estimateRun, formatDuration } from "./estimate";

const base = {
  windowSize: 32,
  epochs: 10,
  batchSize: 64,
  trainLengths: [1000, 1000],
  validationLengths: [500],
  allLengths: [1000, 1000, 500, 500],
  scorers: 2,
};
const probe = { backend: "wasm", stepMs: 100, windowsPerSecond: 1000 };

describe("the run estimate", () => {
  it("counts training steps from the windows with the training shift, and scoring windows with shift 1", () => {
    // Shift 16: ⌊(1000 − 32)/16⌋ + 1 = 61 windows a sequence, 122 in all → 2 batches of 64 per epoch.
    const e = estimateRun(base, probe);
    expect(e.trainWindows).toBe(122);
    expect(e.steps).toBe(20);
    expect(e.trainSeconds).toBeCloseTo(2, 9);
    // Validation: ⌊(500 − 32)/16⌋ + 1 = 30 windows per epoch, 10 epochs at 1000/s.
    expect(e.validationSeconds).toBeCloseTo(0.3, 9);
    // Scoring: 969 + 969 + 469 + 469 windows at 1000/s over 2 workers.
    expect(e.scoredWindows).toBe(2876);
    expect(e.scoreSeconds).toBeCloseTo(1.438, 9);
    expect(e.totalSeconds).toBeCloseTo(2 + 0.3 + 1.438, 9);
  });
  it("caps the windows of an epoch at max windows/epoch", () => {
    const e = estimateRun({ ...base, maxTrainWindows: 64 }, probe);
    expect(e.trainWindows).toBe(64);
    expect(e.steps).toBe(10);
  });
  it("adds the data's trips that the scoring does not hide: the training load, a first fetch and a last upload", () => {
    const e = estimateRun({ ...base, secondsPerSequence: 0.5 }, probe);
    // 3 sequences for training, fetched at once (4 in flight); scoring hides each worker's 2 fetches
    // (2 × 0.5 s < 1.438 s of scoring), leaving its first fetch and its last upload.
    expect(e.dataSeconds).toBeCloseTo(0.5 + 2 * 0.5, 9);
    expect(e.totalSeconds).toBeCloseTo(2 + 0.3 + 1.438 + 1.5, 9);
  });
  it("counts the trips that outlast the scoring, and the training load in rounds of four", () => {
    const slow = { ...base, trainLengths: Array(6).fill(1000), secondsPerSequence: 2 };
    const e = estimateRun(slow, probe);
    // 7 sequences in 2 rounds of 4; per worker 4 × 2 s / 2 = 4 s of fetches against 1.438 s of scoring
    // (the 4 extra training sequences change no scoring).
    expect(e.dataSeconds).toBeCloseTo(2 * 2 + 2 * 2 + (4 - e.scoreSeconds), 9);
  });
  it("scores every shift-th window and the one ending at the last step", () => {
    // Shift 8: ⌊(1000 − 32)/8⌋ + 1 = 122 windows, the last ending at step 1000 (968 = 121·8);
    // ⌊(500 − 32)/8⌋ + 1 = 59, plus the window ending at step 500 (468 is not a multiple of 8).
    const e = estimateRun({ ...base, scoreShift: 8 }, probe);
    expect(e.scoredWindows).toBe(2 * 122 + 2 * 60);
  });
  it("does not train on sequences shorter than a window, and scores each as one padded window", () => {
    expect(estimateRun({ ...base, trainLengths: [10, 1000] }, probe).trainWindows).toBe(61);
    expect(estimateRun({ ...base, allLengths: [10, 1000] }, probe).scoredWindows).toBe(1 + 969);
  });
  it("reads as minutes and seconds", () => {
    expect(formatDuration(44.6)).toBe("45 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(3900)).toBe("1 h 05 min");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

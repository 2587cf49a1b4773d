import { describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { createChannelStats, finishChannelStats, maxAbs, updateChannelStats, zscore } from "./normalize";
import { errorCode, f32, randomColumns } from "./test-helpers";

function statsOf(sequences: SeriesColumns[]) {
  const stats = createChannelStats(sequences[0]?.length ?? 0);
  for (const columns of sequences) updateChannelStats(stats, columns);
  return finishChannelStats(stats);
}

/** Two passes over all steps of one channel concatenated: mean, then population variance. */
function twoPass(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, x) => a + (x - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

describe("channel statistics", () => {
  it("combines sequences into the statistics of all their steps (hand example)", () => {
    const summary = statsOf([
      [f32([1, 2, 3]), f32([10, 10, 10])],
      [f32([4, 5]), f32([10, 10])],
      [f32([6]), f32([10])],
      [new Float32Array(0), new Float32Array(0)], // an empty sequence changes nothing
    ]);
    // Channel 0 is 1..6: mean 3.5; Σ(x − 3.5)² = 6.25+2.25+0.25+0.25+2.25+6.25 = 17.5; std = √(17.5/6).
    expect(summary.count).toBe(6);
    expect(summary.mean[0]).toBeCloseTo(3.5, 12);
    expect(summary.std[0]).toBeCloseTo(Math.sqrt(17.5 / 6), 12);
    expect(summary.min).toEqual([1, 10]);
    expect(summary.max).toEqual([6, 10]);
    // Channel 1 is constant: mean 10, std exactly 0.
    expect(summary.mean[1]).toBe(10);
    expect(summary.std[1]).toBe(0);
  });

  it("equals a direct two-pass computation on random sequences of different lengths", () => {
    const sequences = [17, 1, 250, 64].map((length, i) => randomColumns(length, 3, 100 + i));
    sequences.forEach((columns, i) => columns.forEach((c) => c.forEach((_, t) => (c[t] = (c[t] ?? 0) * 3 + i * 5))));
    const summary = statsOf(sequences);
    for (let c = 0; c < 3; c++) {
      const all = sequences.flatMap((columns) => Array.from(columns[c] ?? []));
      const direct = twoPass(all);
      expect(summary.mean[c]).toBeCloseTo(direct.mean, 10);
      expect(summary.std[c]).toBeCloseTo(direct.std, 10);
      expect(summary.min[c]).toBe(Math.min(...all));
      expect(summary.max[c]).toBe(Math.max(...all));
    }
  });

  it("keeps a constant channel's std at exactly 0 even for values that are inexact in binary", () => {
    const summary = statsOf([[new Float32Array(7).fill(0.1)], [new Float32Array(3).fill(0.1)]]);
    expect(summary.std).toEqual([0]);
  });

  it("throws typed errors for no steps, a channel mismatch and non-finite values", () => {
    expect(errorCode(() => finishChannelStats(createChannelStats(2)))).toBe("empty_input");
    expect(errorCode(() => updateChannelStats(createChannelStats(2), [f32([1])]))).toBe("channel_mismatch");
    expect(errorCode(() => updateChannelStats(createChannelStats(1), [f32([1, Number.NaN])]))).toBe("non_finite_value");
    expect(errorCode(() => updateChannelStats(createChannelStats(1), [f32([Infinity])]))).toBe("non_finite_value");
    expect(errorCode(() => createChannelStats(-1))).toBe("invalid_option");
  });
});

describe("zscore", () => {
  it("subtracts the mean and divides by the std, treating std 0 or non-finite as 1", () => {
    const columns = [f32([1, 2, 3]), f32([5, 5, 5]), f32([1, 2, 3])];
    const out = zscore(columns, { mean: [2, 5, 1], std: [0.5, 0, Number.NaN] });
    expect(out).toEqual([f32([-2, 0, 2]), f32([0, 0, 0]), f32([0, 1, 2])]);
  });

  it("gives mean 0 and std 1 on the training data it was fitted on", () => {
    const train = [randomColumns(300, 2, 1), randomColumns(200, 2, 2)];
    const summary = statsOf(train);
    const scaled = train.map((columns) => zscore(columns, summary));
    const again = statsOf(scaled);
    again.mean.forEach((m) => expect(m).toBeCloseTo(0, 5));
    again.std.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });

  it("rejects statistics for another number of channels", () => {
    expect(errorCode(() => zscore([f32([1])], { mean: [0, 0], std: [1, 1] }))).toBe("channel_mismatch");
    expect(errorCode(() => zscore([f32([1])], { mean: [Number.NaN], std: [1] }))).toBe("non_finite_value");
  });
});

describe("maxAbs", () => {
  it("returns the largest absolute value per channel", () => {
    expect(maxAbs([f32([1, -3, 2]), f32([0.5]), new Float32Array(0)])).toEqual([3, 0.5, 0]);
  });
});

import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { extractWindows, reverseWindow, windowStarts } from "../preprocess";
import type { SeriesColumns } from "../series/types";
import { isDetectorError } from "./errors";
import { LOG_2PI } from "./losses";
import { scoreColumns, type PredictFn } from "./score";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

const W = 4;
const shape = { windowSize: W, features: 2 };
const series = (n: number): SeriesColumns => [
  Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
  Float32Array.from({ length: n }, (_, i) => 0.1 * i),
];

/** A fake network whose output depends on the position inside the window, so overlaps differ. */
const fake: PredictFn = (x) =>
  tf.tidy(() => {
    const position = tf.reshape(tf.range(0, W), [1, W, 1]);
    return { mean: tf.add<tf.Tensor3D>(tf.mul(x, 0.5), tf.mul(position, 0.1)), logVar: tf.mul<tf.Tensor3D>(tf.add(x, position), 0.1) };
  });

describe("scoreColumns", () => {
  it("streams the same mean reverse windowing as lib/preprocess reverseWindow", async () => {
    const columns = series(23);
    const result = await scoreColumns(fake, columns, shape, { batchSize: 5 });
    const starts = windowStarts(23, W, 1);
    const windows = tf.tensor3d(extractWindows(columns, starts, W), [starts.length, W, 2]);
    const { mean, logVar } = fake(windows);
    const expectedMean = reverseWindow(mean.dataSync() as Float32Array, starts, 23, W, 2, "mean");
    const expectedVar = reverseWindow(tf.exp(logVar).dataSync() as Float32Array, starts, 23, W, 2, "mean");
    for (let c = 0; c < 2; c++) {
      result.mean[c]?.forEach((v, i) => expect(v).toBeCloseTo(expectedMean[c]?.[i] ?? Number.NaN, 6));
      result.variance[c]?.forEach((v, i) => expect(v).toBeCloseTo(expectedVar[c]?.[i] ?? Number.NaN, 6));
    }
  });

  it("scores the Gaussian NLL per channel and sums the channels per step", async () => {
    const standard: PredictFn = (x) => ({ mean: tf.zerosLike(x), logVar: tf.zerosLike(x) });
    const columns = series(9);
    const result = await scoreColumns(standard, columns, shape);
    expect(result.score).toHaveLength(9);
    expect(result.channelScores).toHaveLength(2);
    for (let i = 0; i < 9; i++) {
      const a = columns[0]?.[i] ?? 0;
      const b = columns[1]?.[i] ?? 0;
      expect(result.channelScores[0]?.[i]).toBeCloseTo(0.5 * (LOG_2PI + a * a), 5);
      expect(result.score[i]).toBeCloseTo(LOG_2PI + 0.5 * (a * a + b * b), 5);
    }
  });

  it("does not depend on the batch size", async () => {
    const columns = series(40);
    const [one, seven, all] = await Promise.all([1, 7, 512].map((batchSize) => scoreColumns(fake, columns, shape, { batchSize })));
    expect(Array.from(one?.score ?? [])).toEqual(Array.from(all?.score ?? []));
    expect(Array.from(seven?.score ?? [])).toEqual(Array.from(all?.score ?? []));
  });

  it("averages each step over the windows that cover it (shift 1: up to the window size of them)", async () => {
    // A network that predicts every step of a window as the window's first value: the mean at step i
    // is then the average start of the windows covering it.
    // The series below is 0, 1, 2, … in channel 0, so a window's first value is its start.
    const starts: PredictFn = (x) => {
      const [n, w, c] = x.shape;
      return { mean: tf.tidy(() => tf.tile(tf.slice3d(x, [0, 0, 0], [n, 1, c]), [1, w, 1])), logVar: tf.zerosLike(x) };
    };
    const ramp = [Float32Array.from({ length: 7 }, (_, i) => i), new Float32Array(7)];
    const meanAt = async (shift?: number) => Array.from((await scoreColumns(starts, ramp, shape, { shift })).mean[0] ?? []);
    const close = (actual: number[], expected: number[]) => expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
    // Window 4, shift 1, starts 0..3: step 0 ← {0}, 1 ← {0,1}, 2 ← {0,1,2}, 3 ← {0,1,2,3}, 4 ← {1,2,3}, 5 ← {2,3}, 6 ← {3}.
    close(await meanAt(), [0, 0.5, 1, 1.5, 2, 2.5, 3]);
    // Shift 2: starts 0, 2 and the window ending at the last step, 3.
    close(await meanAt(2), [0, 0, 1, 5 / 3, 2.5, 2.5, 3]);
    // Shift 3 lands on 3 itself; shift 4 (the window size) needs the extra window.
    close(await meanAt(3), [0, 0, 0, 1.5, 3, 3, 3]);
    close(await meanAt(4), [0, 0, 0, 1.5, 3, 3, 3]);
  });

  it("rejects a scoring shift that would leave steps uncovered", async () => {
    await expect(scoreColumns(fake, series(9), shape, { shift: 5 })).rejects.toMatchObject({ code: "invalid_option" });
    await expect(scoreColumns(fake, series(9), shape, { shift: 0 })).rejects.toMatchObject({ code: "invalid_option" });
  });

  it("edge-pads a sequence shorter than the window and drops the padding again", async () => {
    const short = series(3);
    const result = await scoreColumns(fake, short, shape);
    expect(result.paddedSteps).toBe(1);
    expect(result.score).toHaveLength(3);
    expect(result.mean[0]).toHaveLength(3);
    for (const v of result.score) expect(Number.isFinite(v)).toBe(true);
    const padded = short.map((c) => Float32Array.from([...c, c[2] ?? 0]));
    const full = await scoreColumns(fake, padded, shape);
    expect(Array.from(result.score)).toEqual(Array.from(full.score.slice(0, 3)));
  });

  it("gives empty arrays for an empty sequence", async () => {
    const result = await scoreColumns(fake, [new Float32Array(0), new Float32Array(0)], shape);
    expect(result.score).toHaveLength(0);
    expect(result.channelScores.map((c) => c.length)).toEqual([0, 0]);
  });

  it("rejects wrong channel counts, ragged channels and oversized batches with typed errors", async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => "none",
        (e: unknown) => (isDetectorError(e) ? e.code : "other"),
      );
    expect(await codeOf(scoreColumns(fake, [new Float32Array(8)], shape))).toBe("channel_mismatch");
    expect(await codeOf(scoreColumns(fake, [new Float32Array(8), new Float32Array(7)], shape))).toBe("length_mismatch");
    expect(await codeOf(scoreColumns(fake, series(8), shape, { batchSize: 513 }))).toBe("invalid_option");
    const aborted = AbortSignal.abort();
    expect(await codeOf(scoreColumns(fake, series(8), shape, { signal: aborted }))).toBe("aborted");
  });

  it("leaves no tensors behind", async () => {
    const before = tf.memory().numTensors;
    await scoreColumns(fake, series(30), shape, { batchSize: 4 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

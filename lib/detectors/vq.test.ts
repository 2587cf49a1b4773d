import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { setCpuBackend } from "./test-helpers";
import { nearestCodes, quantise, stopGradient } from "./vq";

beforeAll(setCpuBackend);

const codebook = () =>
  tf.tensor2d([
    [0, 0],
    [1, 0],
    [0, 2],
    [-3, -3],
  ]);

describe("vector quantisation", () => {
  it("picks the nearest code of every row", () => {
    const z = tf.tensor2d([
      [0.1, -0.2],
      [0.9, 0.4],
      [0.2, 1.4],
      [-2, -1.5],
      [0.6, 0],
    ]);
    expect(Array.from(nearestCodes(z, codebook()).dataSync())).toEqual([0, 1, 2, 3, 1]);
    const q = quantise(z, codebook());
    expect(Array.from(q.quantised.dataSync())).toEqual([0, 0, 1, 0, 0, 2, -3, -3, 1, 0]);
  });

  it("has the codebook and commitment losses of the distance to the chosen code", () => {
    const z = tf.tensor2d([
      [0.5, 0],
      [0, 1],
    ]);
    // Row 0 → code 0 or 1 (tie; argMin takes the first): squared distance 0.25; row 1 → code 0 or 2 (tie): 1.
    const q = quantise(z, codebook());
    expect(q.codebookLoss.dataSync()[0]).toBeCloseTo((0.25 + 1) / 4, 6);
    expect(q.commitmentLoss.dataSync()[0]).toBeCloseTo((0.25 + 1) / 4, 6);
  });

  it("passes the gradient straight through to z, and the codebook learns from the codebook loss only", () => {
    const z = tf.tensor2d([
      [0.9, 0.4],
      [0.2, 1.4],
    ]);
    const weights = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    // d/dz of Σ w ⊙ quantised(z) is w (the identity's gradient), though quantised(z) is piecewise constant.
    const gz = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(quantise(x as tf.Tensor2D, codebook()).quantised, weights)))(z);
    expect(Array.from(gz.dataSync())).toEqual([1, 2, 3, 4]);
    // The codebook gets nothing through the straight-through output…
    const gc = tf.grad((c: tf.Tensor) => tf.sum(tf.mul(quantise(z, c as tf.Tensor2D).quantised, weights)))(codebook());
    expect(Array.from(gc.dataSync()).every((v) => v === 0)).toBe(true);
    // …and the codebook loss's gradient moves only the chosen codes towards their rows: 2(q − z)/values.
    const gl = tf.grad((c: tf.Tensor) => quantise(z, c as tf.Tensor2D).codebookLoss)(codebook());
    const g = Array.from(gl.dataSync());
    expect(g[2]).toBeCloseTo((2 * (1 - 0.9)) / 4, 6);
    expect(g[3]).toBeCloseTo((2 * (0 - 0.4)) / 4, 6);
    expect(g[4]).toBeCloseTo((2 * (0 - 0.2)) / 4, 6);
    expect(g[5]).toBeCloseTo((2 * (2 - 1.4)) / 4, 6);
    expect([g[0], g[1], g[6], g[7]]).toEqual([0, 0, 0, 0]);
  });

  it("stopGradient is the identity with no gradient", () => {
    const x = tf.tensor1d([1, 2]);
    expect(Array.from(stopGradient(x).dataSync())).toEqual([1, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(stopGradient(tf.square(v)), v)))(x);
    expect(Array.from(g.dataSync())).toEqual([1, 1]);
  });
});

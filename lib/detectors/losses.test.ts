import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { gaussianNll, gaussianNllPerWindow, klPerWindow } from "./losses";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

describe("Gaussian NLL", () => {
  // One window, two steps, one channel: x = [1, 2], μ = [0, 2], log σ² = [0, ln 4].
  //   step 1: 0.5·(ln 2π + 0 + (1 − 0)²/1)      = 0.5·(1.8378770664 + 1)            = 1.4189385332
  //   step 2: 0.5·(ln 2π + ln 4 + (2 − 2)²/4)   = 0.5·(1.8378770664 + 1.3862943611) = 1.6120857138
  //   window: 3.0310242470
  it("equals the hand computation, summed over time", () => {
    const x = tf.tensor3d([1, 2], [1, 2, 1]);
    const mean = tf.tensor3d([0, 2], [1, 2, 1]);
    const logVar = tf.tensor3d([0, Math.log(4)], [1, 2, 1]);
    const nll = gaussianNllPerWindow(x, mean, logVar).arraySync();
    expect(nll).toHaveLength(1);
    expect(nll[0]).toBeCloseTo(3.031024247, 5);
    expect(gaussianNll(1, 0, 1)).toBeCloseTo(1.4189385332, 9);
    expect(gaussianNll(2, 2, 4)).toBeCloseTo(1.6120857138, 9);
  });

  it("sums over channels and keeps windows apart", () => {
    // Window 0: channels x = [1, 2] at μ = 0, σ² = 1 → 0.5·(2 ln 2π + 1 + 4) = 4.3378770664.
    // Window 1: x = μ, σ² = 1 → ln 2π = 1.8378770664.
    const x = tf.tensor3d([1, 2, 3, 3], [2, 1, 2]);
    const mean = tf.tensor3d([0, 0, 3, 3], [2, 1, 2]);
    const nll = gaussianNllPerWindow(x, mean, tf.zeros([2, 1, 2])).arraySync();
    expect(nll[0]).toBeCloseTo(4.3378770664, 5);
    expect(nll[1]).toBeCloseTo(1.8378770664, 5);
  });
});

describe("KL divergence from N(0, 1)", () => {
  // μ = [1, 0], log σ² = [0, ln 2]:
  //   −0.5·(1 + 0 − 1 − 1)       = 0.5
  //   −0.5·(1 + ln 2 − 0 − 2)    = 0.5 − 0.5·ln 2 = 0.1534264097
  //   sum                        = 0.6534264097
  it("equals the closed form for a known mean and log-variance", () => {
    const kl = klPerWindow(tf.tensor3d([1, 0], [1, 2, 1]), tf.tensor3d([0, Math.log(2)], [1, 2, 1])).arraySync();
    expect(kl[0]).toBeCloseTo(0.6534264097, 5);
  });

  it("is zero for the standard normal", () => {
    for (const kl of klPerWindow(tf.zeros([3, 4, 2]), tf.zeros([3, 4, 2])).arraySync()) expect(Math.abs(kl)).toBe(0);
  });
});

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../rng";
import {
  biLstm,
  biLstmVariables,
  createBiLstmWeights,
  createLstmWeights,
  initialiseBiLstm,
  initialiseLstm,
  lstmImplementation,
  lstmLastState,
  lstmVariables,
  setLstmImplementation,
} from "./lstm";
import {
  FUSED_TOLERANCE,
  LAYER_CASES,
  QUICK_LAYER_CASES,
  checkLayer,
  checkTeVaeTraining,
  compareImplementations,
  relativeError,
} from "./lstm-check";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);
afterAll(() => setLstmImplementation("auto"));

async function expectSame(f: (x: tf.Tensor3D) => tf.Tensor, x: tf.Tensor3D, variables: tf.Variable[]): Promise<void> {
  const { valueError, gradError, gradients } = await compareImplementations(f, x, variables);
  expect(gradients).toBe(variables.length + 1);
  expect(valueError).toBeLessThan(FUSED_TOLERANCE);
  expect(gradError).toBeLessThan(FUSED_TOLERANCE);
}

describe("the fused LSTM recurrence equals the op-by-op one (outputs and every gradient)", () => {
  for (const c of LAYER_CASES) {
    it(`batch ${c.batch}, ${c.steps} steps, width ${c.width}, ${c.units} units${c.reverse ? ", reversed" : ""}`, async () => {
      const check = await checkLayer(c);
      expect(check.gradients).toBe(13);
      expect(check.valueError).toBeLessThan(FUSED_TOLERANCE);
      expect(check.gradError).toBeLessThan(FUSED_TOLERANCE);
    });
  }

  it("the last state (LSTM-AE's encoder)", async () => {
    const w = createLstmWeights(4, 6);
    initialiseLstm(w, createRng(2));
    const x = tf.randomNormal([5, 7, 4], 0, 1, "float32", 4) as tf.Tensor3D;
    await expectSame(
      (xIn) => lstmLastState(xIn, w),
      x,
      lstmVariables(w, "l").map((v) => v.variable),
    );
  });

  it("two stacked BiLSTMs, as in TeVAE", async () => {
    const first = createBiLstmWeights(3, 8);
    const second = createBiLstmWeights(16, 4);
    const rng = createRng(6);
    initialiseBiLstm(first, rng);
    initialiseBiLstm(second, rng);
    const x = tf.randomNormal([4, 10, 3], 0, 1, "float32", 8) as tf.Tensor3D;
    const variables = [...biLstmVariables(first, "a"), ...biLstmVariables(second, "b")].map((v) => v.variable);
    await expectSame((xIn) => biLstm(biLstm(xIn, first), second), x, variables);
  });

  it("TeVAE trains to the same losses with either", async () => {
    const check = await checkTeVaeTraining();
    expect(check.ops).toHaveLength(2);
    expect(check.ops.every(Number.isFinite)).toBe(true);
    expect(check.maxRelError).toBeLessThan(FUSED_TOLERANCE);
  });

  it("the quick subset covers both directions, batch 1 and units not a multiple of 4", () => {
    expect(QUICK_LAYER_CASES).toHaveLength(4);
    expect(new Set(QUICK_LAYER_CASES.map((c) => c.reverse)).size).toBe(2);
    expect(QUICK_LAYER_CASES.some((c) => c.batch === 1)).toBe(true);
    expect(QUICK_LAYER_CASES.some((c) => c.units % 4 !== 0)).toBe(true);
  });

  it("is chosen on the CPU backends unless forced", () => {
    expect(lstmImplementation()).toBe("fused");
    setLstmImplementation("ops");
    expect(lstmImplementation()).toBe("ops");
    setLstmImplementation("auto");
    expect(lstmImplementation()).toBe("fused");
  });

  it("relative error: the largest difference over the largest magnitude; a mismatch or NaN is infinite", () => {
    expect(relativeError(Float32Array.of(1, 2.5), Float32Array.of(1, 2))).toBeCloseTo(0.25, 7);
    expect(relativeError(Float32Array.of(1), Float32Array.of(1, 2))).toBe(Infinity);
    expect(relativeError(Float32Array.of(Number.NaN), Float32Array.of(1))).toBe(Infinity);
  });
});

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
  lstm,
  lstmImplementation,
  lstmLastState,
  lstmVariables,
  setLstmImplementation,
  type LstmImplementation,
} from "./lstm";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);
afterAll(() => setLstmImplementation("auto"));

type Outcome = { value: Float32Array; grads: Float32Array[] };

/** The value and the gradients of Σ value·weights (random weights, so every output matters) w.r.t. x and every variable. */
function outcome(impl: LstmImplementation, f: (x: tf.Tensor3D) => tf.Tensor, x: tf.Tensor3D, variables: tf.Variable[]): Outcome {
  setLstmImplementation(impl);
  try {
    return tf.tidy(() => {
      const value = f(x);
      const weights = tf.randomNormal(value.shape, 0, 1, "float32", 9);
      const loss = (xIn: tf.Tensor) => tf.sum(tf.mul(f(xIn as tf.Tensor3D), weights));
      const dx = tf.grad(loss)(x);
      const { grads } = tf.variableGrads(() => loss(x) as tf.Scalar, variables);
      return {
        value: value.dataSync() as Float32Array,
        grads: [dx, ...variables.map((v) => grads[v.name])].map((g) => g?.dataSync() as Float32Array),
      };
    });
  } finally {
    setLstmImplementation("auto");
  }
}

/** Largest |a − b| relative to the largest |b| of the tensor (float32 rounding: ≈ 1e-7 per op). */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN)));
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return diff / scale;
}

function expectSame(f: (x: tf.Tensor3D) => tf.Tensor, x: tf.Tensor3D, variables: tf.Variable[]): void {
  const ops = outcome("ops", f, x, variables);
  const fused = outcome("fused", f, x, variables);
  expect(fused.value.length).toBe(ops.value.length);
  expect(relativeError(fused.value, ops.value)).toBeLessThan(1e-5);
  expect(fused.grads).toHaveLength(ops.grads.length);
  ops.grads.forEach((g, k) => {
    expect(g.length).toBeGreaterThan(0);
    expect(relativeError(fused.grads[k] ?? new Float32Array(), g)).toBeLessThan(1e-5);
  });
}

describe("the fused LSTM recurrence equals the op-by-op one (outputs and every gradient)", () => {
  const shapes = [
    { batch: 3, steps: 6, width: 4, units: 5 },
    { batch: 1, steps: 2, width: 2, units: 3 },
    { batch: 4, steps: 9, width: 7, units: 8 },
    { batch: 5, steps: 7, width: 6, units: 16 },
  ];
  for (const { batch, steps, width, units } of shapes) {
    for (const reverse of [false, true]) {
      it(`batch ${batch}, ${steps} steps, width ${width}, ${units} units${reverse ? ", reversed" : ""}`, () => {
        const w = createLstmWeights(width, units);
        initialiseLstm(w, createRng(units + steps));
        const x = tf.randomNormal([batch, steps, width], 0, 1, "float32", 3) as tf.Tensor3D;
        expectSame(
          (xIn) => lstm(xIn, w, reverse),
          x,
          lstmVariables(w, "l").map((v) => v.variable),
        );
      });
    }
  }

  it("the last state (LSTM-AE's encoder)", () => {
    const w = createLstmWeights(4, 6);
    initialiseLstm(w, createRng(2));
    const x = tf.randomNormal([5, 7, 4], 0, 1, "float32", 4) as tf.Tensor3D;
    expectSame(
      (xIn) => lstmLastState(xIn, w),
      x,
      lstmVariables(w, "l").map((v) => v.variable),
    );
  });

  it("two stacked BiLSTMs, as in TeVAE", () => {
    const first = createBiLstmWeights(3, 8);
    const second = createBiLstmWeights(16, 4);
    const rng = createRng(6);
    initialiseBiLstm(first, rng);
    initialiseBiLstm(second, rng);
    const x = tf.randomNormal([4, 10, 3], 0, 1, "float32", 8) as tf.Tensor3D;
    const variables = [...biLstmVariables(first, "a"), ...biLstmVariables(second, "b")].map((v) => v.variable);
    expectSame((xIn) => biLstm(biLstm(xIn, first), second), x, variables);
  });

  it("is chosen on the CPU backends unless forced", () => {
    expect(lstmImplementation()).toBe("fused");
    setLstmImplementation("ops");
    expect(lstmImplementation()).toBe("ops");
    setLstmImplementation("auto");
    expect(lstmImplementation()).toBe("fused");
  });
});

import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { AmsGrad } from "./amsgrad";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

describe("AMSGrad (Keras update)", () => {
  // lr = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-7, θ₀ = [1, −2].
  // Step 1, g = [0.5, −1]:   α₁ = 0.1·√0.001/0.1 = 0.0316227766
  //   m = [0.05, −0.1], v = [0.00025, 0.001], v̂ = v
  //   θ₁ = θ₀ − α₁·m/(√v̂ + ε) = [0.9000006325, −1.9000003162]
  // Step 2, g = [0.01, 0.2]: α₂ = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.0235316725
  //   m = [0.046, −0.07], v = [0.00024985, 0.001039]
  //   v̂ = max(v̂, v) = [0.00025 (kept: v fell), 0.001039]
  //   θ₂ = [0.8315404777, −1.8488978670]
  it("matches a hand computation over two steps, including the v̂ maximum", () => {
    const theta = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = new AmsGrad([theta], { learningRate: 0.1 });
    optimizer.apply([tf.tensor1d([0.5, -1])]);
    const [a1, b1] = theta.dataSync();
    expect(a1).toBeCloseTo(0.9000006325, 6);
    expect(b1).toBeCloseTo(-1.9000003162, 6);
    optimizer.apply([tf.tensor1d([0.01, 0.2])]);
    const [a2, b2] = theta.dataSync();
    expect(a2).toBeCloseTo(0.8315404777, 6);
    expect(b2).toBeCloseTo(-1.848897867, 6);
    expect(optimizer.iterations).toBe(2);
    optimizer.dispose();
    theta.dispose();
  });

  it("differs from plain Adam once v falls (Adam would use v, not v̂)", () => {
    // Plain Adam step 2 for the first coordinate: θ₁ − α₂·0.046/(√0.00024985 + ε) = 0.8315087…
    const theta = tf.variable(tf.tensor1d([1]));
    const optimizer = new AmsGrad([theta], { learningRate: 0.1 });
    optimizer.apply([tf.tensor1d([0.5])]);
    optimizer.apply([tf.tensor1d([0.01])]);
    const adam = 0.9000006324515321 - (0.023531672532745275 * 0.046) / (Math.sqrt(0.00024985) + 1e-7);
    expect(Math.abs((theta.dataSync()[0] ?? 0) - adam)).toBeGreaterThan(1e-5);
    optimizer.dispose();
    theta.dispose();
  });

  it("skips variables without a gradient and leaves no tensors behind", () => {
    const a = tf.variable(tf.tensor1d([1]));
    const b = tf.variable(tf.tensor1d([2]));
    const optimizer = new AmsGrad([a, b], { learningRate: 0.1 });
    const before = tf.memory().numTensors;
    const g = tf.tensor1d([1]);
    optimizer.apply([g, undefined]);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(b.dataSync()[0]).toBe(2);
    expect(a.dataSync()[0]).toBeLessThan(1);
    optimizer.dispose();
    tf.dispose([a, b]);
  });

  it("updates variables of several shapes exactly as one update per variable would, a missing gradient included", () => {
    // The reference: Keras's update written per variable, with its own moments.
    const reference = (theta: Float32Array[], grads: (Float32Array | undefined)[][], lr: number) => {
      const f = Math.fround;
      const state = theta.map((w) => ({
        w: Float32Array.from(w),
        m: new Float32Array(w.length),
        v: new Float32Array(w.length),
        vHat: new Float32Array(w.length),
      }));
      grads.forEach((step, s) => {
        const t = s + 1;
        const alpha = f((lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t));
        step.forEach((g, i) => {
          const st = state[i]!;
          if (!g) return;
          for (let k = 0; k < g.length; k++) {
            st.m[k] = f(st.m[k]! + f(f(g[k]! - st.m[k]!) * f(1 - 0.9)));
            st.v[k] = f(st.v[k]! + f(f(f(g[k]! * g[k]!) - st.v[k]!) * f(1 - 0.999)));
            st.vHat[k] = Math.max(st.vHat[k]!, st.v[k]!);
            st.w[k] = f(st.w[k]! - f(f(st.m[k]! * alpha) / f(f(Math.sqrt(st.vHat[k]!)) + f(1e-7))));
          }
        });
      });
      return state.map((st) => st.w);
    };
    const initial = [Float32Array.from([0.5, -1, 2, 0.25, -0.75, 1.5]), Float32Array.from([3]), Float32Array.from([-2, 0.1, 0.7, -0.3])];
    const shapes = [[2, 3], [1], [4]];
    const steps: (Float32Array | undefined)[][] = [
      [Float32Array.from([0.1, -0.2, 0.3, 0.05, -0.5, 1]), Float32Array.from([2]), Float32Array.from([-1, 0.5, 0.25, 0.125])],
      [Float32Array.from([0.4, 0.2, -0.3, 0.5, 0.6, -0.1]), undefined, Float32Array.from([0.3, -0.7, 0.2, 0.9])],
      [Float32Array.from([-0.2, 0.1, 0.1, -0.4, 0.2, 0.3]), Float32Array.from([-1.5]), Float32Array.from([0.05, 0.05, -0.6, 0.4])],
    ];
    const variables = initial.map((w, i) => tf.variable(tf.tensor(w, shapes[i])));
    const optimizer = new AmsGrad(variables, { learningRate: 0.05 });
    for (const step of steps) {
      const grads = step.map((g, i) => (g ? tf.tensor(g, shapes[i]) : undefined));
      optimizer.apply(grads);
      tf.dispose(grads.filter((g) => g !== undefined));
    }
    const expected = reference(initial, steps, 0.05);
    variables.forEach((w, i) => {
      const got = w.dataSync();
      expected[i]!.forEach((e, k) => expect(Math.abs((got[k] ?? Number.NaN) - e)).toBeLessThanOrEqual(Math.abs(e) * 2e-7));
    });
    optimizer.dispose();
    tf.dispose(variables);
  });
});

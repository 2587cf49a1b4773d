import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { createAttentionWeights, initialiseAttention, multiHeadAttention, type AttentionDims } from "./attention";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

const dims: AttentionDims = { heads: 2, keyDim: 3, valueDim: 3, queryWidth: 4, keyWidth: 4, valueWidth: 2, outputWidth: 2 };
const [B, T] = [2, 5];

function setup() {
  const w = createAttentionWeights(dims);
  initialiseAttention(w, createRng(3));
  const rng = createRng(9);
  const values = (n: number) => Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor3d(values(B * T * 4), [B, T, 4]);
  const z = tf.tensor3d(values(B * T * 2), [B, T, 2]);
  return { w, x, z };
}

type Matrix = number[][];
const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => (b[0] ?? []).map((_, j) => row.reduce((s, v, k) => s + v * (b[k]?.[j] ?? 0), 0)));
const affine = (a: Matrix, w: tf.Variable, bias: tf.Variable): Matrix => {
  const bv = Array.from(bias.dataSync());
  return matmul(a, w.arraySync() as Matrix).map((row) => row.map((v, j) => v + (bv[j] ?? 0)));
};
const columns = (m: Matrix, from: number, count: number): Matrix => m.map((row) => row.slice(from, from + count));

/** Multi-head attention for one batch element with loops, as the Keras layer computes it. */
function reference(w: ReturnType<typeof setup>["w"], x: Matrix, z: Matrix): Matrix {
  const q = affine(x, w.query.kernel, w.query.bias);
  const k = affine(x, w.key.kernel, w.key.bias);
  const v = affine(z, w.value.kernel, w.value.bias);
  const heads = Array.from({ length: dims.heads }, (_, h) => {
    const [qh, kh, vh] = [columns(q, h * 3, 3), columns(k, h * 3, 3), columns(v, h * 3, 3)];
    const logits = qh.map((qi) => kh.map((kj) => qi.reduce((s, a, d) => s + a * (kj[d] ?? 0), 0) / Math.sqrt(3)));
    const weights = logits.map((row) => {
      const max = Math.max(...row);
      const e = row.map((l) => Math.exp(l - max));
      const sum = e.reduce((s, a) => s + a, 0);
      return e.map((a) => a / sum);
    });
    return matmul(weights, vh);
  });
  const concatenated = x.map((_, t) => heads.flatMap((h) => h[t] ?? []));
  return affine(concatenated, w.output.kernel, w.output.bias);
}

describe("multi-head attention", () => {
  it("gives [batch, time, outputWidth] and [batch, heads, time, time] for a value of another width", () => {
    const { w, x, z } = setup();
    const { output, weights } = multiHeadAttention(w, dims, { query: x, key: x, value: z });
    expect(output.shape).toEqual([B, T, 2]);
    expect(weights.shape).toEqual([B, 2, T, T]);
  });

  it("has attention weights that sum to 1 over the keys", () => {
    const { w, x, z } = setup();
    const sums = tf.sum(multiHeadAttention(w, dims, { query: x, key: x, value: z }).weights, -1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 6);
  });

  it("equals a loop implementation of Keras's MultiHeadAttention", () => {
    const { w, x, z } = setup();
    const out = multiHeadAttention(w, dims, { query: x, key: x, value: z }).output.arraySync();
    const xs = x.arraySync();
    const zs = z.arraySync();
    for (let b = 0; b < B; b++) {
      const expected = reference(w, xs[b] ?? [], zs[b] ?? []);
      expected.forEach((row, t) => row.forEach((v, c) => expect(out[b]?.[t]?.[c]).toBeCloseTo(v, 5)));
    }
  });

  it("gives zero weight to blocked keys ([time, time] and [batch, time, time] masks)", () => {
    const { w, x, z } = setup();
    const open = [1, 0, 1, 0, 1]; // keys 1 and 3 blocked for every query
    const mask2 = tf.tensor2d(
      Array.from({ length: T }, () => open),
      [T, T],
    );
    const weights = multiHeadAttention(w, dims, { query: x, key: x, value: z, mask: mask2 }).weights.arraySync();
    for (const row of weights.flat(2)) {
      expect(row[1]).toBe(0);
      expect(row[3]).toBe(0);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
    // A causal mask for batch element 1 only.
    const causal = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j <= i ? 1 : 0)));
    const all = Array.from({ length: T }, () => Array.from({ length: T }, () => 1));
    const mask3 = tf.tensor3d([all, causal]);
    const w3 = multiHeadAttention(w, dims, { query: x, key: x, value: z, mask: mask3 }).weights.arraySync();
    w3[1]?.forEach((head) => head.forEach((row, i) => row.forEach((v, j) => j > i && expect(v).toBe(0))));
    expect(Math.min(...(w3[0]?.flat(2) ?? []))).toBeGreaterThan(0);
  });
});

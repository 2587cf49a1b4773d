import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { GATES, biLstm, createBiLstmWeights, createLstmWeights, initialiseLstm, lstm, lstmLastState, type LstmWeights } from "./lstm";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

const [B, T, F, U] = [3, 6, 4, 5];

/** The per-gate weights fused in Keras's layout: kernel [F, 4U], recurrent [U, 4U], bias [4U]. */
function fused(w: LstmWeights): tf.Tensor[] {
  return [
    tf.concat(
      GATES.map((g) => w.kernel[g]),
      1,
    ),
    tf.concat(
      GATES.map((g) => w.recurrent[g]),
      1,
    ),
    tf.concat(
      GATES.map((g) => w.bias[g]),
      0,
    ),
  ];
}

function keras(x: tf.Tensor3D, w: LstmWeights, goBackwards: boolean): tf.Tensor {
  const layer = tf.layers.lstm({ units: U, returnSequences: true, recurrentActivation: "sigmoid", goBackwards });
  layer.apply(x); // builds the weights
  layer.setWeights(fused(w));
  const out = layer.apply(x);
  if (!(out instanceof tf.Tensor)) throw new TypeError("expected a tensor");
  return out;
}

describe("LSTM from tf ops", () => {
  const x = tf.randomNormal([B, T, F], 0, 1, "float32", 5) as tf.Tensor3D;
  const w = createLstmWeights(F, U);
  initialiseLstm(w, createRng(4));

  it("equals tfjs-layers' LSTM (sigmoid gates) with the same weights", () => {
    const ours = lstm(x, w).arraySync();
    const theirs = keras(x, w, false).arraySync() as number[][][];
    ours.flat(2).forEach((v, i) => expect(v).toBeCloseTo(theirs.flat(2)[i] ?? Number.NaN, 5));
  });

  it("runs backwards like the backward half of Bidirectional (outputs in input order)", () => {
    const ours = lstm(x, w, true).arraySync();
    const theirs = tf.reverse(keras(x, w, true), 1).arraySync() as number[][][];
    ours.flat(2).forEach((v, i) => expect(v).toBeCloseTo(theirs.flat(2)[i] ?? Number.NaN, 5));
  });

  it("returns the last state, and a BiLSTM concatenates both directions", () => {
    const last = lstmLastState(x, w).arraySync();
    const all = lstm(x, w).arraySync();
    last.forEach((row, b) => row.forEach((v, u) => expect(v).toBeCloseTo(all[b]?.[T - 1]?.[u] ?? Number.NaN, 6)));
    const bi = createBiLstmWeights(F, U);
    expect(biLstm(x, bi).shape).toEqual([B, T, 2 * U]);
  });

  it("initialises like Keras: forget bias 1, other biases 0, orthogonal recurrent kernel", () => {
    expect(Array.from(w.bias.f.dataSync())).toEqual(Array(U).fill(1));
    expect(Array.from(w.bias.i.dataSync())).toEqual(Array(U).fill(0));
    const [, recurrent] = fused(w);
    if (!recurrent) throw new Error("missing recurrent kernel");
    const gram = tf.matMul(recurrent, recurrent, false, true).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
  });
});

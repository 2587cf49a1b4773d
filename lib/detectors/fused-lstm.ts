/**
 * A whole LSTM layer over a window as one custom op with its own gradient, for the CPU backends
 * (wasm, cpu): `fusedLstmLayer(x, weights, reverse)` runs the window's recurrence — the four gates,
 * the cell and the hidden state of every step — in tight loops over Float32Arrays, and its gradient
 * runs backpropagation through time over the whole window likewise. The op-by-op version in lstm.ts
 * issues ≈ 17 small tf ops per step forward and ≈ 3× as many backward; at batch 32 and 32–64 units
 * each costs more in dispatch than in arithmetic, so a TeVAE training step was almost all overhead.
 *
 * What stays tf matmuls (large, all steps at once): the input projection x·W forward; dx, dW and
 * dR = Σₜ hₜ₋₁ᵀ·dzₜ backward. Only the sequential part runs here; its per-step product hₜ₋₁·R
 * (and dzₜ·Rᵀ backward) runs in a small WebAssembly SIMD kernel (gemm-wasm.ts) where the shapes
 * fit, else in a JavaScript loop.
 *
 * Reading the inputs (dataSync) is a memcpy on wasm and cpu; on WebGPU it would stall the queue, so
 * lstm.ts picks this path only on the CPU backends. A WGSL kernel would slot in behind the same
 * signature (x [batch, time, width]; per gate i, f, c, o a kernel, recurrent kernel and bias).
 *
 * Numerics: the same formulas as the op-by-op version (sigmoid 1/(1 + e^−x), tanh), evaluated in
 * float64 per element and stored as float32 after every step, products accumulated in float32, so
 * outputs and gradients agree with it to float32 rounding (fused-lstm.test.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { WasmGemm, wasmGemm } from "./gemm-wasm";
import { columnBlock } from "./init";

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** out[outOffset + r·n + j] += Σ_p a[aOffset + r·k + p]·b[p·n + j] for r < rows, j < n. */
function addProductJs(
  out: Float32Array,
  outOffset: number,
  a: Float32Array,
  aOffset: number,
  rows: number,
  k: number,
  b: Float32Array,
  n: number,
) {
  for (let r = 0; r < rows; r++) {
    const o = outOffset + r * n;
    for (let p = 0; p < k; p++) {
      const v = a[aOffset + r * k + p]!;
      const row = p * n;
      for (let j = 0; j < n; j++) out[o + j]! += v * b[row + j]!;
    }
  }
}

/** A product with a fixed right-hand side b [k, n]: the wasm SIMD kernel where it fits, else the loop above. */
function productWith(
  b: Float32Array,
  n: number,
): (out: Float32Array, outOffset: number, a: Float32Array, aOffset: number, rows: number, k: number) => void {
  const gemm = WasmGemm.fits(n) ? wasmGemm() : null;
  if (gemm) {
    gemm.setB(b, n);
    return (out, outOffset, a, aOffset, rows, k) => gemm.addProduct(out, outOffset, a, aOffset, rows, k);
  }
  return (out, outOffset, a, aOffset, rows, k) => addProductJs(out, outOffset, a, aOffset, rows, k, b, n);
}

/** [rows, cols] → [cols, rows]. */
function transposed(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j]!;
  return out;
}

type Forward = { h: Float32Array; c: Float32Array; gates: Float32Array };

/** The recurrence over raw arrays; step s processes time t = reverse ? T − 1 − s : s. */
function forward(z: Float32Array, r: Float32Array, steps: number, batch: number, units: number, reverse: boolean): Forward {
  const n = 4 * units;
  const stride = batch * units;
  const h = new Float32Array(steps * stride);
  const c = new Float32Array(steps * stride);
  const gates = new Float32Array(steps * batch * n);
  const recur = productWith(r, n);
  let prev = -1;
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    const g0 = t * batch * n;
    gates.set(z.subarray(g0, g0 + batch * n), g0);
    if (prev >= 0) recur(gates, g0, h, prev * stride, batch, units);
    for (let b = 0; b < batch; b++) {
      const gb = g0 + b * n;
      const cb = t * stride + b * units;
      const pb = prev * stride + b * units;
      for (let u = 0; u < units; u++) {
        const i = sigmoid(gates[gb + u]!);
        const f = sigmoid(gates[gb + units + u]!);
        const g = Math.tanh(gates[gb + 2 * units + u]!);
        const o = sigmoid(gates[gb + 3 * units + u]!);
        gates[gb + u] = i;
        gates[gb + units + u] = f;
        gates[gb + 2 * units + u] = g;
        gates[gb + 3 * units + u] = o;
        const cPrev = prev >= 0 ? c[pb + u]! : 0;
        c[cb + u] = f * cPrev + i * g;
        h[cb + u] = o * Math.tanh(c[cb + u]!);
      }
    }
    prev = t;
  }
  return { h, c, gates };
}

type Backward = { dz: Float32Array; hPrevT: Float32Array };

/** BPTT over the window: dz (the gate pre-activations' gradient), time-major, and hₜ₋₁ of every step as [units, batch·time] (columns batch-major). */
function backward(dh: Float32Array, fw: Forward, r: Float32Array, steps: number, batch: number, units: number, reverse: boolean): Backward {
  const n = 4 * units;
  const stride = batch * units;
  const dz = new Float32Array(steps * batch * n);
  const rowsAll = steps * batch;
  const hPrevT = new Float32Array(steps * stride);
  const dhNext = new Float32Array(stride);
  const dcNext = new Float32Array(stride);
  const back = productWith(transposed(r, units, n), units);
  for (let s = steps - 1; s >= 0; s--) {
    const t = reverse ? steps - 1 - s : s;
    const prev = s > 0 ? (reverse ? t + 1 : t - 1) : -1;
    if (prev >= 0) {
      for (let b = 0; b < batch; b++) {
        for (let u = 0; u < units; u++) hPrevT[u * rowsAll + b * steps + t] = fw.h[prev * stride + b * units + u]!;
      }
    }
    const g0 = t * batch * n;
    for (let b = 0; b < batch; b++) {
      const gb = g0 + b * n;
      const cb = t * stride + b * units;
      for (let u = 0; u < units; u++) {
        const i = fw.gates[gb + u]!;
        const f = fw.gates[gb + units + u]!;
        const g = fw.gates[gb + 2 * units + u]!;
        const o = fw.gates[gb + 3 * units + u]!;
        const tc = Math.tanh(fw.c[cb + u]!);
        const dhv = dh[cb + u]! + dhNext[b * units + u]!;
        const dc = dhv * o * (1 - tc * tc) + dcNext[b * units + u]!;
        const cPrev = prev >= 0 ? fw.c[prev * stride + b * units + u]! : 0;
        dcNext[b * units + u] = dc * f;
        dz[gb + u] = dc * g * i * (1 - i);
        dz[gb + units + u] = dc * cPrev * f * (1 - f);
        dz[gb + 2 * units + u] = dc * i * (1 - g * g);
        dz[gb + 3 * units + u] = dhv * tc * o * (1 - o);
      }
    }
    if (prev >= 0) {
      dhNext.fill(0);
      back(dhNext, 0, dz, g0, batch, n);
    }
  }
  return { dz, hPrevT };
}

/** The four gates' [rows, units] blocks side by side: [rows, 4·units]. */
function sideBySide(blocks: Float32Array[], rows: number, units: number): Float32Array {
  const out = new Float32Array(rows * 4 * units);
  blocks.forEach((block, g) => {
    for (let r = 0; r < rows; r++) out.set(block.subarray(r * units, (r + 1) * units), r * 4 * units + g * units);
  });
  return out;
}

/** [rows, 4·units] → the four gates' [rows, units] blocks, as tensors. */
function gateBlocks(m: Float32Array, rows: number, units: number): tf.Tensor[] {
  return [0, 1, 2, 3].map((g) => tf.tensor2d(columnBlock(m, rows, 4 * units, g * units, units), [rows, units]));
}

/** Per gate i, f, c, o: kernel [width, units], recurrent kernel [units, units], bias [units]. */
export type GateWeights = { kernels: tf.Tensor[]; recurrents: tf.Tensor[]; biases: tf.Tensor[] };

/**
 * One LSTM layer over a window, fused. x: [batch, time, width] → [batch, time, units], the hidden
 * state of every step (`reverse` runs from the last step to the first; states in the input's time
 * order). Differentiable in x and all twelve weights. Its forward is one tf matmul (x·W of all
 * steps) and the recurrence here; its gradient is the BPTT here and three tf matmuls over all
 * steps (dx, dW, dR), operands transposed here rather than by matMul's transpose flags (4–7×
 * slower on tfjs-wasm). The gates' weights are put side by side here too, not with tf.concat, so
 * no concat/split ops run on either side.
 */
export function fusedLstmLayer(x: tf.Tensor3D, w: GateWeights, reverse = false): tf.Tensor3D {
  const [batch, steps, width] = x.shape;
  const rows = batch * steps;
  const units = w.recurrents[0]?.shape[0] ?? 0;
  const n = 4 * units;
  const inputs = [x, ...w.kernels, ...w.recurrents, ...w.biases];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const values = args.slice(0, inputs.length).map((t) => {
      if (!(t instanceof tf.Tensor)) throw new TypeError("fusedLstmLayer: expected tensors");
      return t.dataSync() as Float32Array;
    });
    const [xValues = new Float32Array()] = values;
    const kernel = sideBySide(values.slice(1, 5), width, units);
    const r = sideBySide(values.slice(5, 9), units, units);
    const bias = sideBySide(values.slice(9, 13), 1, units);
    // z = x·W (rows batch-major) → time-major, plus the bias.
    const projected = tf.tidy(() => tf.matMul(tf.tensor2d(xValues, [rows, width]), tf.tensor2d(kernel, [width, n])));
    const zb = projected.dataSync() as Float32Array;
    projected.dispose();
    const z = new Float32Array(rows * n);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) {
        const from = (b * steps + t) * n;
        const to = (t * batch + b) * n;
        for (let j = 0; j < n; j++) z[to + j] = zb[from + j]! + bias[j]!;
      }
    }
    const fw = forward(z, r, steps, batch, units, reverse);
    return {
      value: tf.tensor3d(toBatchMajor(fw.h, steps, batch, units), [batch, steps, units]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const dyValues = (Array.isArray(dy) ? dy[0] : dy)?.dataSync() as Float32Array;
        const bw = backward(toTimeMajor(dyValues, steps, batch, units), fw, r, steps, batch, units, reverse);
        const dzb = toBatchMajor(bw.dz, steps, batch, n);
        const db = new Float32Array(n);
        for (let row = 0; row < rows; row++) for (let j = 0; j < n; j++) db[j]! += dzb[row * n + j]!;
        return tf.tidy(() => {
          const dz = tf.tensor2d(dzb, [rows, n]);
          const dx = tf.reshape(tf.matMul(dz, tf.tensor2d(transposed(kernel, width, n), [n, width])), [batch, steps, width]);
          const dKernel = tf.matMul(tf.tensor2d(transposed(xValues, rows, width), [width, rows]), dz);
          const dRecurrent = tf.matMul(tf.tensor2d(bw.hPrevT, [units, rows]), dz);
          return [
            dx,
            ...gateBlocks(dKernel.dataSync() as Float32Array, width, units),
            ...gateBlocks(dRecurrent.dataSync() as Float32Array, units, units),
            ...gateBlocks(db, 1, units).map((t) => tf.reshape(t, [units])),
          ];
        });
      },
    };
  });
  return op(...inputs) as tf.Tensor3D;
}

/** [time, batch, width] → [batch, time, width]. */
function toBatchMajor(m: Float32Array, steps: number, batch: number, width: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) out.set(m.subarray((t * batch + b) * width, (t * batch + b + 1) * width), (b * steps + t) * width);
  }
  return out;
}

/** [batch, time, width] → [time, batch, width]. */
function toTimeMajor(m: Float32Array, steps: number, batch: number, width: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) out.set(m.subarray((b * steps + t) * width, (b * steps + t + 1) * width), (t * batch + b) * width);
  }
  return out;
}

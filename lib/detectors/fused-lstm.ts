/**
 * The recurrent part of an LSTM layer as one custom op with its own gradient, for the CPU backends
 * (wasm, cpu): `fusedRecurrence(z, recurrent)` runs the whole window's recurrence — the four gates,
 * the cell and the hidden state of every step — in tight loops over Float32Arrays, and its gradient
 * runs backpropagation through time over the whole window likewise. The op-by-op version in lstm.ts
 * issues ≈ 17 small tf ops per step forward and ≈ 3× as many backward; at batch 32 and 32–64 units
 * each costs more in dispatch than in arithmetic, so a TeVAE training step was almost all overhead.
 *
 * What stays tf ops (and so keeps tf's own gradients): the input projection x·W + b of every step,
 * one large matmul, before this op; and, inside the gradient, the recurrent kernel's gradient
 * Σₜ hₜ₋₁ᵀ·dzₜ, one large matmul over all steps. Only the sequential part runs here.
 *
 * Reading the inputs (dataSync) is a memcpy on wasm and cpu; on WebGPU it would stall the queue, so
 * lstm.ts picks this path only on the CPU backends. A WGSL kernel would slot in behind the same
 * signature (z [time, batch, 4·units] time-major, gate blocks i, f, c, o; recurrent [units, 4·units]).
 *
 * Numerics: the same formulas as the op-by-op version (sigmoid 1/(1 + e^−x), tanh), evaluated in
 * float64 per element and stored as float32 after every step, so outputs and gradients agree with
 * it to float32 rounding.
 */
import * as tf from "@tensorflow/tfjs";
import { WasmGemm, wasmGemm } from "./gemm-wasm";

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

/** BPTT over the window: dz (the gate pre-activations' gradient), time-major, and hₜ₋₁ of every step as [units, time·batch]. */
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
        for (let u = 0; u < units; u++) hPrevT[u * rowsAll + t * batch + b] = fw.h[prev * stride + b * units + u]!;
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

/** Explicit transposes: tfjs-wasm's matmul with a transposed operand is 4–7× slower than transpose + matmul. */
const matMulTA = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(tf.transpose(a), b);
const matMulTB = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(a, tf.transpose(b));

/**
 * One LSTM layer over a window, fused. x: [time·batch, width], the window time-major (row t·batch + b
 * is step t of window b); kernel [width, 4·units], bias [4·units], recurrent [units, 4·units], gate
 * blocks i, f, c, o. → [time, batch, units], the hidden state of every step in the input's time
 * order (`reverse` runs from the last step to the first). Differentiable in all four inputs; the
 * gradient's large products (x, kernel and recurrent kernel over all steps) are single tf matmuls.
 */
export function fusedLstmLayer(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  recurrent: tf.Tensor2D,
  steps: number,
  reverse = false,
): tf.Tensor3D {
  const rows = x.shape[0];
  const batch = rows / steps;
  const n = kernel.shape[1];
  const units = n / 4;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, kIn, bIn, rIn, save] = args;
    if (
      !(xIn instanceof tf.Tensor && kIn instanceof tf.Tensor && bIn instanceof tf.Tensor && rIn instanceof tf.Tensor) ||
      typeof save !== "function"
    ) {
      throw new TypeError("fusedLstmLayer: expected four tensors");
    }
    save([xIn, kIn]);
    const z = tf.tidy(() => tf.add(tf.matMul(xIn as tf.Tensor2D, kIn as tf.Tensor2D), bIn));
    const zValues = z.dataSync() as Float32Array;
    z.dispose();
    const r = rIn.dataSync() as Float32Array;
    const fw = forward(zValues, r, steps, batch, units, reverse);
    return {
      value: tf.tensor3d(fw.h, [steps, batch, units]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xSaved, kSaved] = saved as [tf.Tensor2D, tf.Tensor2D];
        const bw = backward((Array.isArray(dy) ? dy[0] : dy)!.dataSync() as Float32Array, fw, r, steps, batch, units, reverse);
        return tf.tidy(() => {
          const dz = tf.tensor2d(bw.dz, [rows, n]);
          const hPrevT = tf.tensor2d(bw.hPrevT, [units, rows]);
          return [matMulTB(dz, kSaved), matMulTA(xSaved, dz), tf.sum(dz, 0), tf.matMul(hPrevT, dz)];
        });
      },
    };
  });
  return op(x, kernel, bias, recurrent) as tf.Tensor3D;
}

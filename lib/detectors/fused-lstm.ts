/**
 * A whole LSTM layer over a window as one custom op with its own gradient, for the CPU backends
 * (wasm, cpu): `fusedLstmLayer(x, weights, reverse)` runs the window's recurrence — the four gates,
 * the cell and the hidden state of every step — in tight loops over Float32Arrays, and its gradient
 * runs backpropagation through time over the whole window likewise. The op-by-op version in lstm.ts
 * issues ≈ 17 small tf ops per step forward and ≈ 3× as many backward; at batch 32 and 32–64 units
 * each costs more in dispatch than in arithmetic, so a TeVAE training step was almost all overhead.
 *
 * What stays tf matmuls (large, all steps at once): the input projection x·W forward; dx, dW and
 * dR = Σₜ hₜ₋₁ᵀ·dzₜ backward. Only the sequential part runs here: forward, the per-step product
 * hₜ₋₁·R and the cell update run in WebAssembly SIMD (lstm-wasm.ts) where the layer fits (units a
 * multiple of 4), else in JavaScript loops; backward likewise, the BPTT step and dzₜ·Rᵀ, where
 * units are a multiple of 16.
 *
 * Reading the inputs (dataSync) is a memcpy on wasm and cpu; on WebGPU it would stall the queue, so
 * there `fusedLstmLayer` runs the WGSL programs of fused-lstm-webgpu.ts instead, behind the same
 * signature (this file's array path remains only for layers too wide for them).
 *
 * Numerics: the same formulas as the op-by-op version (sigmoid 1/(1 + e^−x), tanh) in float32
 * storage after every step, products accumulated in float32; the JavaScript loops evaluate each
 * element in float64, the wasm kernels in float32 lanes (exp and tanh: Cephes's, ≈ 1 ulp). Outputs and
 * gradients agree with the op-by-op version to float32 rounding (fused-lstm.test.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { WasmLstm, releaseArrays, takeArray, wasmLstm, type LstmForward, type Rows } from "./lstm-wasm";
import { columnBlock } from "./init";
import { fitsGpu, gpuLstmLayer } from "./fused-lstm-webgpu";

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** out row r += a row r · b [k, n], r < rows, where b is row-major [k, n]. */
function addProductJs(out: Rows, a: Rows, rows: number, k: number, b: Float32Array, n: number) {
  for (let r = 0; r < rows; r++) {
    const o = out.offset + r * out.stride;
    const ar = a.offset + r * a.stride;
    for (let p = 0; p < k; p++) {
      const v = a.values[ar + p]!;
      const row = p * n;
      for (let j = 0; j < n; j++) out.values[o + j]! += v * b[row + j]!;
    }
  }
}

type Product = (out: Rows, a: Rows, rows: number, k: number) => void;

/** A product with a fixed right-hand side b [k, n]: the wasm SIMD kernel where it fits, else the loop above. */
function productWith(b: Float32Array, n: number): Product {
  const gemm = WasmLstm.fits(n) ? wasmLstm() : null;
  if (gemm) {
    gemm.setB(b, n);
    return (out, a, rows, k) => gemm.addProduct(out, a, rows, k);
  }
  return (out, a, rows, k) => addProductJs(out, a, rows, k, b, n);
}

/** [rows, cols] → [cols, rows]. */
function transposed(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j]!;
  return out;
}

/** Everything batch-major: row b·steps + t is step t of window b; gates hold the activations i, f, g, o. */
type Forward = LstmForward;

type Shape = { steps: number; batch: number; units: number; reverse: boolean };

/** The time step processed s-th (reverse: from the last) and the one before it (−1 at the start). */
function stepAt(s: number, { steps, reverse }: Shape): { t: number; prev: number } {
  const t = reverse ? steps - 1 - s : s;
  return { t, prev: s === 0 ? -1 : reverse ? t + 1 : t - 1 };
}

/**
 * The recurrence over raw arrays. z: x·W + b, [batch·steps, 4·units], batch-major (becomes the gates).
 * In the wasm kernels where the layer fits (units a multiple of 4), else in the loops below.
 */
function forward(z: Float32Array, r: Float32Array, shape: Shape): Forward {
  const { steps, batch, units, reverse } = shape;
  const kernel = WasmLstm.fitsUnits(units) ? wasmLstm() : null;
  if (!kernel) return forwardJs(new Float32Array(z), r, shape);
  return kernel.forward(z, r, steps, batch, units, reverse);
}

function forwardJs(z: Float32Array, r: Float32Array, shape: Shape): Forward {
  const { steps, batch, units } = shape;
  const n = 4 * units;
  const h = new Float32Array(batch * steps * units);
  const c = new Float32Array(batch * steps * units);
  const tanhC = new Float32Array(batch * steps * units);
  const gates = z;
  const recur = productWith(r, n);
  for (let s = 0; s < steps; s++) {
    const { t, prev } = stepAt(s, shape);
    if (prev >= 0)
      recur({ values: gates, offset: t * n, stride: steps * n }, { values: h, offset: prev * units, stride: steps * units }, batch, units);
    for (let b = 0; b < batch; b++) {
      const gb = (b * steps + t) * n;
      const cb = (b * steps + t) * units;
      const pb = (b * steps + prev) * units;
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
        tanhC[cb + u] = Math.tanh(c[cb + u]!);
        h[cb + u] = o * tanhC[cb + u]!;
      }
    }
  }
  return { h, c, tanhC, gates };
}

/**
 * BPTT over the window. dh: the output's gradient, batch-major. → dz, the gate pre-activations'
 * gradient, batch-major. In the wasm kernels where the layer fits (units a multiple of 16), else in
 * the loops below.
 */
function backward(dh: Float32Array, fw: Forward, r: Float32Array, shape: Shape): Float32Array {
  const { steps, batch, units, reverse } = shape;
  const kernel = WasmLstm.fitsBackward(units) ? wasmLstm() : null;
  if (!kernel) return backwardJs(dh, fw, r, shape);
  return kernel.backward(fw, dh, transposed(r, units, 4 * units), steps, batch, units, reverse);
}

function backwardJs(dh: Float32Array, fw: Forward, r: Float32Array, shape: Shape): Float32Array {
  const { steps, batch, units } = shape;
  const n = 4 * units;
  const rows = batch * steps;
  const dz = new Float32Array(rows * n);
  const dhNext = new Float32Array(batch * units);
  const dcNext = new Float32Array(batch * units);
  const back = productWith(transposed(r, units, n), units);
  for (let s = steps - 1; s >= 0; s--) {
    const { t, prev } = stepAt(s, shape);
    for (let b = 0; b < batch; b++) {
      const row = b * steps + t;
      const gb = row * n;
      const cb = row * units;
      const pb = (b * steps + prev) * units;
      for (let u = 0; u < units; u++) {
        const i = fw.gates[gb + u]!;
        const f = fw.gates[gb + units + u]!;
        const g = fw.gates[gb + 2 * units + u]!;
        const o = fw.gates[gb + 3 * units + u]!;
        const tc = fw.tanhC[cb + u]!;
        const dhv = dh[cb + u]! + dhNext[b * units + u]!;
        const dc = dhv * o * (1 - tc * tc) + dcNext[b * units + u]!;
        const cPrev = prev >= 0 ? fw.c[pb + u]! : 0;
        dcNext[b * units + u] = dc * f;
        dz[gb + u] = dc * g * i * (1 - i);
        dz[gb + units + u] = dc * cPrev * f * (1 - f);
        dz[gb + 2 * units + u] = dc * i * (1 - g * g);
        dz[gb + 3 * units + u] = dhv * tc * o * (1 - o);
      }
    }
    if (prev >= 0) {
      dhNext.fill(0);
      back({ values: dhNext, offset: 0, stride: units }, { values: dz, offset: t * n, stride: steps * n }, batch, n);
    }
  }
  return dz;
}

/** Σ_r m[r, j] of a [rows, n] matrix, summed in float64. */
function columnSums(m: Float32Array, rows: number, n: number): Float32Array {
  const sums = new Float64Array(n);
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) sums[j]! += m[r * n + j]!;
  return Float32Array.from(sums);
}

/** hₜ₋₁ of every step (zero at the first step processed), [batch·steps, units] batch-major. */
function previousStates(h: Float32Array, { steps, batch, units, reverse }: Shape): Float32Array {
  const out = takeArray(h.length);
  for (let b = 0; b < batch; b++) {
    const first = b * steps * units;
    const rest = h.subarray(first + (reverse ? units : 0), first + (steps - (reverse ? 0 : 1)) * units);
    out.set(rest, first + (reverse ? 0 : units));
    const zeroRow = first + (reverse ? (steps - 1) * units : 0);
    out.fill(0, zeroRow, zeroRow + units);
  }
  return out;
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
 * order). Differentiable in x and all twelve weights. Its forward is x·W + b of all steps (tf ops)
 * and the recurrence here; its gradient is the BPTT here and three tf matmuls over all steps (dx,
 * dW, dR), operands transposed explicitly (tf.transpose, or here) rather than by matMul's transpose
 * flags (4–7× slower on tfjs-wasm). The gates' weights are put side by side here too, not with tf.concat, so
 * no concat/split ops run on either side. On the WebGPU backend the recurrence runs in WGSL instead
 * (fused-lstm-webgpu.ts), the gates' weights put side by side with tf.concat.
 */
export function fusedLstmLayer(x: tf.Tensor3D, w: GateWeights, reverse = false): tf.Tensor3D {
  const [batch, steps, width] = x.shape;
  const rows = batch * steps;
  const units = w.recurrents[0]?.shape[0] ?? 0;
  if (tf.getBackend() === "webgpu" && fitsGpu(units)) {
    return tf.tidy(() => {
      const side = (ts: tf.Tensor[], axis: number) => tf.concat(ts, axis);
      return gpuLstmLayer(
        x,
        side(w.kernels, 1) as tf.Tensor2D,
        side(w.recurrents, 1) as tf.Tensor2D,
        side(w.biases, 0) as tf.Tensor1D,
        reverse,
      );
    });
  }
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
    // z = x·W + b, rows batch-major.
    const projected = tf.tidy(() =>
      tf.add(tf.matMul(tf.tensor2d(xValues, [rows, width]), tf.tensor2d(kernel, [width, n])), tf.tensor1d(bias)),
    );
    const z = projected.dataSync() as Float32Array; // read only (forwardJs works on a copy)
    const shape: Shape = { steps, batch, units, reverse };
    const fw = forward(z, r, shape);
    projected.dispose();
    return {
      value: tf.tensor3d(fw.h, [batch, steps, units]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const dyValues = (Array.isArray(dy) ? dy[0] : dy)?.dataSync() as Float32Array;
        const dzb = backward(dyValues, fw, r, shape);
        const db = columnSums(dzb, rows, n);
        const hPrev = previousStates(fw.h, shape);
        return tf.tidy(() => {
          const dz = tf.tensor2d(dzb, [rows, n]);
          const dx = tf.reshape(tf.matMul(dz, tf.transpose(tf.tensor2d(kernel, [width, n]))), [batch, steps, width]);
          const dKernel = tf.matMul(tf.transpose(tf.tensor2d(xValues, [rows, width])), dz);
          const dRecurrent = tf.matMul(tf.transpose(tf.tensor2d(hPrev, [rows, units])), dz);
          const grads = [
            dx,
            ...gateBlocks(dKernel.dataSync() as Float32Array, width, units),
            ...gateBlocks(dRecurrent.dataSync() as Float32Array, units, units),
            ...gateBlocks(db, 1, units).map((t) => tf.reshape(t, [units])),
          ];
          // Done with the forward state and the buffers behind this tidy's (disposed) tensors: reuse
          // them. Not fw.h: on the cpu backend the layer's output tensor holds that array itself.
          releaseArrays([fw.gates, fw.c, fw.tanhC, dzb, hPrev]);
          return grads;
        });
      },
    };
  });
  return op(...inputs) as tf.Tensor3D;
}

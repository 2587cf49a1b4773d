/**
 * The fused LSTM layer on tfjs's WebGPU backend: the same signature as the CPU version
 * (fused-lstm.ts), the window's sequential part in two WGSL compute programs run through the
 * backend's program API (`runWebGPUProgram`), everything else as large tf ops.
 *
 * Forward, one dispatch per layer and direction: one workgroup per window (batch row). Its threads
 * share the previous hidden state in workgroup memory (two buffers of `units` floats, read one,
 * write the other, one barrier per step); thread u owns unit u (and u + workgroup size, … when the
 * layer is wider than the workgroup), computes its four gates zₜ + hₜ₋₁·R (z = x·W + b of every step,
 * one tf matmul beforehand), the cell cₜ (kept in a register) and hₜ. Output: per step [h, c, i, f, g, o].
 *
 * Backward, likewise one dispatch: the workgroup walks the steps in reverse processing order; thread
 * u takes dhₜ = dyₜ + (dzₜ₊₁·Rᵀ)ᵤ with the following step's gate gradients dzₜ₊₁ from workgroup
 * memory (two buffers of 4·units floats, one barrier per step) and Rᵀ from a storage buffer (read
 * along u, so neighbouring threads read neighbouring floats), carries dc in a register, and writes
 * dzₜ. Then dx = dz·Wᵀ, dW = xᵀ·dz, dR = hₜ₋₁ᵀ·dz and db = Σ dz are single tf matmuls / sums over
 * all steps.
 *
 * Numerics: sigmoid and tanh as tfjs's WebGPU unary ops write them (1/(1 + e^−a); tanh from e^−2|a|),
 * every product accumulated in float32: the outputs and gradients equal the op-by-op version's to
 * float32 rounding (checked in the browser: lstm-check.ts, e2e/bench.spec.ts).
 *
 * Limits: workgroup memory holds 2·units floats forward and 8·units backward; within the 16 KiB every
 * WebGPU device offers that is up to 512 units. A wider layer (none of the app's detectors) takes
 * the CPU version's path, which reads the tensors back.
 */
import * as tf from "@tensorflow/tfjs";

/** The parts of tfjs-backend-webgpu's `WebGPUProgram` these programs set (structurally the same). */
type GpuProgram = {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  getUserCode: () => string;
};
type ProgramRunner = { runWebGPUProgram(program: GpuProgram, inputs: tf.TensorInfo[], dtype: "float32"): tf.TensorInfo };

/** The largest layer both programs fit: workgroup memory 8·units floats ≤ 16 KiB. */
export const MAX_GPU_UNITS = 512;
/** Threads per workgroup, at most (every WebGPU device allows 256). */
const MAX_THREADS = 256;

export function fitsGpu(units: number): boolean {
  return units >= 1 && units <= MAX_GPU_UNITS;
}

type Shape = { batch: number; steps: number; units: number; reverse: boolean };

/** Threads per workgroup: the units rounded up to a multiple of 32, at most MAX_THREADS. */
function threads(units: number): number {
  return Math.min(MAX_THREADS, Math.ceil(units / 32) * 32);
}

/** Shared WGSL: the activations (as tfjs's unary ops) and the step order. */
function prelude({ steps, units, reverse }: Shape): string {
  return `
  const UNITS = ${units};
  const STEPS = ${steps};
  const THREADS = ${threads(units)};
  const PER_THREAD = ${Math.ceil(units / threads(units))};
  fn sigmoidOf(a : f32) -> f32 { return 1.0 / (1.0 + exp(-1.0 * a)); }
  fn tanhOf(a : f32) -> f32 {
    let e2x = exp(-2.0 * abs(a));
    return sign(a) * (1.0 - e2x) / (1.0 + e2x);
  }
  // The time step processed s-th (reversed: from the last).
  fn stepAt(s : i32) -> i32 { return ${reverse ? "STEPS - 1 - s" : "s"}; }
  // The step processed just before step t (its state feeds step t).
  fn previousOf(t : i32) -> i32 { return ${reverse ? "t + 1" : "t - 1"}; }`;
}

function program(name: string, shape: Shape, outputShape: number[], variableNames: string[], body: string): GpuProgram {
  const { batch, steps, units, reverse } = shape;
  return {
    variableNames,
    outputShape,
    // The constants are baked into the code: the key must name them (the backend adds only ranks and types).
    shaderKey: `dqs_lstm_${name}_${steps}_${units}_${reverse ? "r" : "f"}`,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [batch, 1, 1],
    workgroupSize: [threads(units), 1, 1],
    getUserCode: () => `${prelude(shape)}\n${body}`,
  };
}

/**
 * z [batch, steps, 4·units] (x·W + b, gates i, f, g, o side by side), r [units, 4·units] →
 * state [batch, steps, 6·units]: per step h, c and the activated gates i, f, g, o.
 */
function forwardProgram(shape: Shape): GpuProgram {
  const { batch, steps, units } = shape;
  return program(
    "forward",
    shape,
    [batch, steps, 6 * units],
    ["z", "r"],
    `
  var<workgroup> hidden : array<f32, ${2 * units}>;
  fn main(index : i32) {
    // (Reading the uniforms keeps their binding in the pipeline's layout, which tfjs always binds.)
    let b = min(i32(workgroupId.x), uniforms.outShape.x - 1);
    let lid = i32(localId.x);
    var cell : array<f32, PER_THREAD>;
    for (var k = 0; k < PER_THREAD; k++) {
      cell[k] = 0.0;
      let u = lid + k * THREADS;
      if (u < UNITS) { hidden[u] = 0.0; }
    }
    workgroupBarrier();
    for (var s = 0; s < STEPS; s++) {
      let t = stepAt(s);
      let current = (s % 2) * UNITS;
      let next = UNITS - current;
      let zRow = (b * STEPS + t) * 4 * UNITS;
      let outRow = (b * STEPS + t) * 6 * UNITS;
      for (var k = 0; k < PER_THREAD; k++) {
        let u = lid + k * THREADS;
        if (u < UNITS) {
          var ai = 0.0;
          var af = 0.0;
          var ag = 0.0;
          var ao = 0.0;
          for (var p = 0; p < UNITS; p++) {
            let hp = hidden[current + p];
            let rRow = p * 4 * UNITS + u;
            ai = ai + hp * r[rRow];
            af = af + hp * r[rRow + UNITS];
            ag = ag + hp * r[rRow + 2 * UNITS];
            ao = ao + hp * r[rRow + 3 * UNITS];
          }
          let i = sigmoidOf(z[zRow + u] + ai);
          let f = sigmoidOf(z[zRow + UNITS + u] + af);
          let g = tanhOf(z[zRow + 2 * UNITS + u] + ag);
          let o = sigmoidOf(z[zRow + 3 * UNITS + u] + ao);
          let c = f * cell[k] + i * g;
          cell[k] = c;
          let h = o * tanhOf(c);
          hidden[next + u] = h;
          result[outRow + u] = h;
          result[outRow + UNITS + u] = c;
          result[outRow + 2 * UNITS + u] = i;
          result[outRow + 3 * UNITS + u] = f;
          result[outRow + 4 * UNITS + u] = g;
          result[outRow + 5 * UNITS + u] = o;
        }
      }
      workgroupBarrier();
    }
  }`,
  );
}

/**
 * dy [batch, steps, units] (the output's gradient), state (the forward's), rt [4·units, units]
 * (Rᵀ) → dz [batch, steps, 4·units], the gates' pre-activation gradients.
 */
function backwardProgram(shape: Shape): GpuProgram {
  const { batch, steps, units } = shape;
  return program(
    "backward",
    shape,
    [batch, steps, 4 * units],
    ["dy", "state", "rt"],
    `
  var<workgroup> dzShared : array<f32, ${8 * units}>;
  fn main(index : i32) {
    // (Reading the uniforms keeps their binding in the pipeline's layout, which tfjs always binds.)
    let b = min(i32(workgroupId.x), uniforms.outShape.x - 1);
    let lid = i32(localId.x);
    var dcNext : array<f32, PER_THREAD>;
    for (var k = 0; k < PER_THREAD; k++) { dcNext[k] = 0.0; }
    for (var s = STEPS - 1; s >= 0; s--) {
      let t = stepAt(s);
      // dz of the step processed after this one (read), this step's (written).
      let later = (s % 2) * 4 * UNITS;
      let here = 4 * UNITS - later;
      let row = b * STEPS + t;
      let stateRow = row * 6 * UNITS;
      let prevRow = (b * STEPS + previousOf(t)) * 6 * UNITS;
      for (var k = 0; k < PER_THREAD; k++) {
        let u = lid + k * THREADS;
        if (u < UNITS) {
          var dhNext = 0.0;
          if (s < STEPS - 1) {
            for (var j = 0; j < 4 * UNITS; j++) {
              dhNext = dhNext + dzShared[later + j] * rt[j * UNITS + u];
            }
          }
          let c = state[stateRow + UNITS + u];
          let i = state[stateRow + 2 * UNITS + u];
          let f = state[stateRow + 3 * UNITS + u];
          let g = state[stateRow + 4 * UNITS + u];
          let o = state[stateRow + 5 * UNITS + u];
          var cPrev = 0.0;
          if (s > 0) { cPrev = state[prevRow + UNITS + u]; }
          let tc = tanhOf(c);
          let dh = dy[row * UNITS + u] + dhNext;
          let dc = dh * o * (1.0 - tc * tc) + dcNext[k];
          dcNext[k] = dc * f;
          let di = dc * g * i * (1.0 - i);
          let df = dc * cPrev * f * (1.0 - f);
          let dg = dc * i * (1.0 - g * g);
          let dO = dh * tc * o * (1.0 - o);
          let outRow = row * 4 * UNITS;
          result[outRow + u] = di;
          result[outRow + UNITS + u] = df;
          result[outRow + 2 * UNITS + u] = dg;
          result[outRow + 3 * UNITS + u] = dO;
          dzShared[here + u] = di;
          dzShared[here + UNITS + u] = df;
          dzShared[here + 2 * UNITS + u] = dg;
          dzShared[here + 3 * UNITS + u] = dO;
        }
      }
      workgroupBarrier();
    }
  }`,
  );
}

function runProgram(p: GpuProgram, inputs: tf.Tensor[]): tf.Tensor {
  const backend = tf.backend() as unknown as ProgramRunner;
  const info = backend.runWebGPUProgram(p, inputs, "float32");
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** hₜ₋₁ of every step in processing order (zero at the first step processed): [batch, steps, units]. */
function previousStates(h: tf.Tensor3D, reverse: boolean): tf.Tensor3D {
  const [batch, steps, units] = h.shape;
  if (steps === 1) return tf.zerosLike(h);
  const kept = tf.slice(h, [0, reverse ? 1 : 0, 0], [batch, steps - 1, units]);
  return tf.pad(kept, [[0, 0], reverse ? [0, 1] : [1, 0], [0, 0]]);
}

/**
 * One LSTM layer over a window on WebGPU: x [batch, time, width], kernel [width, 4·units],
 * recurrent kernel [units, 4·units], bias [4·units] (gates i, f, c, o side by side) → [batch, time,
 * units]. Differentiable in all four.
 */
export function gpuLstmLayer(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D,
  reverse: boolean,
): tf.Tensor3D {
  const [batch, steps, width] = x.shape;
  const units = recurrent.shape[0];
  const rows = batch * steps;
  const shape: Shape = { batch, steps, units, reverse };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, w, r, b] = args.slice(0, 4) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[4] as tf.GradSaveFunc;
    const x2 = tf.reshape(xIn, [rows, width]);
    const z = tf.reshape(tf.add(tf.matMul(x2, w), b), [batch, steps, 4 * units]);
    const state = runProgram(forwardProgram(shape), [z, r]) as tf.Tensor3D;
    save([xIn, w, r, state]);
    return {
      value: tf.slice(state, [0, 0, 0], [batch, steps, units]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws, rs, st] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor3D];
        const dyT = Array.isArray(dy) ? dy[0] : dy;
        if (!dyT) throw new TypeError("gpuLstmLayer: no gradient");
        const dz = tf.reshape(runProgram(backwardProgram(shape), [dyT, st, tf.transpose(rs)]), [rows, 4 * units]);
        const hPrev = tf.reshape(previousStates(tf.slice(st, [0, 0, 0], [batch, steps, units]), reverse), [rows, units]);
        const xRows = tf.reshape(xs, [rows, width]);
        return [
          tf.reshape(tf.matMul(dz, ws, false, true), [batch, steps, width]),
          tf.matMul(xRows, dz, true, false),
          tf.matMul(hPrev, dz, true, false),
          tf.sum(dz, 0),
        ];
      },
    };
  });
  return op(x, kernel, recurrent, bias) as tf.Tensor3D;
}

/**
 * WebAssembly SIMD kernels for the fused LSTM layer (fused-lstm.ts), assembled at first use:
 * - `gemm`: out[rows, n] += a[rows, k]·b[k, n], rows strided, 16 output columns at a time in four
 *   f32x4 accumulators (f32 multiply, then f32 add, as XNNPACK without FMA) — the per-step
 *   products hₜ₋₁·R and dzₜ·Rᵀ (batch rows, 32–256 columns);
 * - `cell`: the gates' activations and the cell update of one step for every row, with Cephes's
 *   single-precision exp and tanh (≈ 1 ulp) in f32x4 lanes.
 * - `cellBack`: one step of backpropagation through time for every row (the gates' pre-activation
 *   gradients and the carried cell gradient).
 * V8 does not vectorise the JavaScript loops; these run the arithmetic 4 lanes wide, the whole
 * layer's state staying in the module's memory between steps (forward, then backward).
 *
 * The module (≈ 2.4 KiB, under the 4 KiB a browser compiles synchronously on its main thread) is
 * assembled from the program below and compiled synchronously; no binary is checked in. Where
 * WebAssembly SIMD cannot run (or a Content-Security-Policy forbids compiling),
 * `wasmLstm()` answers null and fused-lstm.ts runs its JavaScript loops.
 */

import { name, section, sleb, uleb, vector, type Bytes } from "../wasm/encoder";

const code = (...parts: Bytes[]): Bytes => parts.flat();

const T = { i32: 0x7f, v128: 0x7b, void: 0x40 } as const;
const f32Bytes = (value: number): Bytes => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return [...new Uint8Array(view.buffer)];
};
const ALIGN4 = 2;
const simd = (opcode: number, ...rest: number[]): Bytes => [0xfd, ...uleb(opcode), ...rest];

const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  loop: [0x03, T.void],
  end: [0x0b],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32LtU: [0x49],
  v128Load: (offset: number): Bytes => simd(0x00, ALIGN4, ...uleb(offset)),
  v128Store: (offset: number): Bytes => simd(0x0b, ALIGN4, ...uleb(offset)),
  v128Load32Splat: simd(0x09, ALIGN4, 0),
  f32x4Add: simd(0xe4),
  f32x4Sub: simd(0xe5),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  f32x4Min: simd(0xe8),
  f32x4Max: simd(0xe9),
  f32x4Abs: simd(0xe0),
  f32x4Nearest: simd(0x6a),
  f32x4Lt: simd(0x43),
  i32x4TruncSatF32x4S: simd(0xf8),
  i32x4Add: simd(0xae),
  i32x4Shl: simd(0xab),
  i32x4Splat: simd(0x11),
  v128And: simd(0x4e),
  v128Or: simd(0x50),
  v128Bitselect: simd(0x52),
  /** f32x4.splat of a constant. */
  f32x4: (value: number): Bytes => code([0x43, ...f32Bytes(value)], simd(0x13)),
};

// ---- gemm ----

// Parameters (byte addresses, counts, byte strides).
const OUT = 0;
const A = 1;
const B = 2;
const ROWS = 3;
const K = 4;
const N = 5;
const OUT_STRIDE = 6;
const A_STRIDE = 7;
// Locals.
const R = 8;
const J = 9; // byte offset of the column block within a row
const A_PTR = 10;
const A_END = 11;
const B_PTR = 12;
const O_PTR = 13;
const ACC = 14; // four v128 accumulators: ACC … ACC + 3
const AV = 18;
const LOCALS: Bytes[] = [
  [...uleb(6), T.i32],
  [...uleb(5), T.v128],
];

const add = (local: number, expr: Bytes): Bytes => code(op.get(local), expr, op.i32Add, op.set(local));

/**
 * gemm(out, a, b, rows, k, n, outStride, aStride): out[r, j] += Σ_p a[r, p]·b[p, j]; rows, k ≥ 1,
 * n a positive multiple of 16; f32 matrices at the byte addresses out, a, b, row r of out at
 * out + r·outStride and of a at a + r·aStride (bytes), b row-major.
 */
const body = code(
  // for (r = 0; r < rows; r++)
  op.loop,
  code(op.i32(0), op.set(J)),
  // for (j = 0; j < 4n; j += 64) — bytes
  op.loop,
  // oPtr = out + r·outStride + j
  code(op.get(OUT), op.get(R), op.get(OUT_STRIDE), op.i32Mul, op.i32Add, op.get(J), op.i32Add, op.set(O_PTR)),
  ...[0, 1, 2, 3].map((q) => code(op.get(O_PTR), op.v128Load(16 * q), op.set(ACC + q))),
  // aPtr = a + r·aStride; aEnd = aPtr + 4k; bPtr = b + j
  code(op.get(A), op.get(R), op.get(A_STRIDE), op.i32Mul, op.i32Add, op.set(A_PTR)),
  code(op.get(A_PTR), op.get(K), op.i32(4), op.i32Mul, op.i32Add, op.set(A_END)),
  code(op.get(B), op.get(J), op.i32Add, op.set(B_PTR)),
  // for (p = 0; p < k; p++) acc_q += splat(a[r, p])·b[p, j + 4q …]
  op.loop,
  code(op.get(A_PTR), op.v128Load32Splat, op.set(AV)),
  ...[0, 1, 2, 3].map((q) =>
    code(op.get(ACC + q), op.get(AV), op.get(B_PTR), op.v128Load(16 * q), op.f32x4Mul, op.f32x4Add, op.set(ACC + q)),
  ),
  add(A_PTR, op.i32(4)),
  add(B_PTR, code(op.get(N), op.i32(4), op.i32Mul)),
  code(op.get(A_PTR), op.get(A_END), op.i32LtU, op.brIf(0)),
  op.end,
  ...[0, 1, 2, 3].map((q) => code(op.get(O_PTR), op.get(ACC + q), op.v128Store(16 * q))),
  add(J, op.i32(64)),
  code(op.get(J), op.get(N), op.i32(4), op.i32Mul, op.i32LtU, op.brIf(0)),
  op.end,
  add(R, op.i32(1)),
  code(op.get(R), op.get(ROWS), op.i32LtU, op.brIf(0)),
  op.end,
);

// ---- cell ----

// Parameters: byte addresses of row 0 of the step's gates, previous cell, cell, tanh(cell) and
// hidden state; rows; 4·units; the byte strides between rows (cPrevStride 0: one zero row for all).
const G = 0;
const C_PREV = 1;
const C = 2;
const TC = 3;
const H = 4;
const CELL_ROWS = 5;
const UNITS4 = 6;
const G_STRIDE = 7;
const C_STRIDE = 8;
const C_PREV_STRIDE = 9;
// Locals.
const CR = 10;
const Q = 11; // byte offset within a row's units
const GP = 12;
const CP = 13;
const PP = 14;
const ADDR = 15;
const VI = 16;
const VF = 17;
const VG = 18;
const VO = 19;
const VC = 20;
const VT = 21;
const E_X = 22;
const E_FX = 23;
const T_X = 24;
const T_AX = 25;
const T_S = 26;
const CELL_LOCALS: Bytes[] = [
  [...uleb(6), T.i32],
  [...uleb(11), T.v128],
];

/** Cephes expf in f32x4 lanes (input clamped to [−87, 88]): leaves exp(x) on the stack. */
const exp = (x: Bytes): Bytes =>
  code(
    code(x, op.f32x4(88), op.f32x4Min, op.f32x4(-87), op.f32x4Max, op.set(E_X)),
    code(op.get(E_X), op.f32x4(Math.LOG2E), op.f32x4Mul, op.f32x4Nearest, op.set(E_FX)),
    code(op.get(E_X), op.get(E_FX), op.f32x4(0.693359375), op.f32x4Mul, op.f32x4Sub),
    code(op.get(E_FX), op.f32x4(-2.1219444e-4), op.f32x4Mul, op.f32x4Sub, op.set(E_X)),
    code(op.f32x4(1.98756915e-4), op.get(E_X), op.f32x4Mul, op.f32x4(1.39819995e-3), op.f32x4Add),
    code(op.get(E_X), op.f32x4Mul, op.f32x4(8.33345191e-3), op.f32x4Add),
    code(op.get(E_X), op.f32x4Mul, op.f32x4(4.16657959e-2), op.f32x4Add),
    code(op.get(E_X), op.f32x4Mul, op.f32x4(1.66666655e-1), op.f32x4Add),
    code(op.get(E_X), op.f32x4Mul, op.f32x4(5.00000012e-1), op.f32x4Add),
    code(op.get(E_X), op.get(E_X), op.f32x4Mul, op.f32x4Mul, op.get(E_X), op.f32x4Add, op.f32x4(1), op.f32x4Add),
    // · 2^fx, built in the exponent bits
    code(op.get(E_FX), op.i32x4TruncSatF32x4S, op.i32(127), op.i32x4Splat, op.i32x4Add, op.i32(23), op.i32x4Shl, op.f32x4Mul),
  );

/** 1 / (1 + e^−x). */
const sigmoid = (x: Bytes): Bytes => code(op.f32x4(1), op.f32x4(1), exp(code(op.f32x4(0), x, op.f32x4Sub)), op.f32x4Add, op.f32x4Div);

/** Cephes tanhf: an odd polynomial below |x| = 0.625, 1 − 2/(e^{2|x|} + 1) above; the sign of x. */
const tanh = (x: Bytes): Bytes =>
  code(
    code(x, op.set(T_X), op.get(T_X), op.f32x4Abs, op.set(T_AX), op.get(T_AX), op.get(T_AX), op.f32x4Mul, op.set(T_S)),
    code(op.f32x4(-5.70498872745e-3), op.get(T_S), op.f32x4Mul, op.f32x4(2.06390887954e-2), op.f32x4Add),
    code(op.get(T_S), op.f32x4Mul, op.f32x4(-5.37397155531e-2), op.f32x4Add),
    code(op.get(T_S), op.f32x4Mul, op.f32x4(1.33314422036e-1), op.f32x4Add),
    code(op.get(T_S), op.f32x4Mul, op.f32x4(-3.33332819422e-1), op.f32x4Add),
    code(op.get(T_S), op.f32x4Mul, op.get(T_AX), op.f32x4Mul, op.get(T_AX), op.f32x4Add),
    code(op.f32x4(1), op.f32x4(2), exp(code(op.get(T_AX), op.get(T_AX), op.f32x4Add)), op.f32x4(1), op.f32x4Add, op.f32x4Div, op.f32x4Sub),
    code(op.get(T_AX), op.f32x4(0.625), op.f32x4Lt, op.v128Bitselect),
    code(op.get(T_X), op.i32(-0x80000000), op.i32x4Splat, op.v128And, op.v128Or),
  );

const load = (address: Bytes): Bytes => code(address, op.v128Load(0));

/**
 * cell(g, cPrev, c, tc, h, rows, units4, gStride, cStride, cPrevStride), per row and 4 units at a
 * time (units a multiple of 4): the pre-activations i, f, g, o in place → σ(i), σ(f), tanh(g), σ(o);
 * c = σ(f)·cPrev + σ(i)·tanh(g); tc = tanh(c); h = σ(o)·tc.
 */
const cellBody = code(
  op.loop,
  code(op.get(G), op.get(CR), op.get(G_STRIDE), op.i32Mul, op.i32Add, op.set(GP)),
  code(op.get(CR), op.get(C_STRIDE), op.i32Mul, op.set(CP)),
  code(op.get(C_PREV), op.get(CR), op.get(C_PREV_STRIDE), op.i32Mul, op.i32Add, op.set(PP)),
  code(op.i32(0), op.set(Q)),
  op.loop,
  code(op.get(GP), op.get(Q), op.i32Add, op.set(ADDR)),
  code(op.get(ADDR), sigmoid(load(op.get(ADDR))), op.tee(VI), op.v128Store(0)),
  add(ADDR, op.get(UNITS4)),
  code(op.get(ADDR), sigmoid(load(op.get(ADDR))), op.tee(VF), op.v128Store(0)),
  add(ADDR, op.get(UNITS4)),
  code(op.get(ADDR), tanh(load(op.get(ADDR))), op.tee(VG), op.v128Store(0)),
  add(ADDR, op.get(UNITS4)),
  code(op.get(ADDR), sigmoid(load(op.get(ADDR))), op.tee(VO), op.v128Store(0)),
  // c = f·cPrev + i·g
  code(op.get(C), op.get(CP), op.i32Add, op.get(Q), op.i32Add),
  code(op.get(VF), load(code(op.get(PP), op.get(Q), op.i32Add)), op.f32x4Mul, op.get(VI), op.get(VG), op.f32x4Mul, op.f32x4Add),
  code(op.tee(VC), op.v128Store(0)),
  // tc = tanh(c); h = o·tc
  code(op.get(TC), op.get(CP), op.i32Add, op.get(Q), op.i32Add, tanh(op.get(VC)), op.tee(VT), op.v128Store(0)),
  code(op.get(H), op.get(CP), op.i32Add, op.get(Q), op.i32Add, op.get(VO), op.get(VT), op.f32x4Mul, op.v128Store(0)),
  add(Q, op.i32(16)),
  code(op.get(Q), op.get(UNITS4), op.i32LtU, op.brIf(0)),
  op.end,
  add(CR, op.i32(1)),
  code(op.get(CR), op.get(CELL_ROWS), op.i32LtU, op.brIf(0)),
  op.end,
);

// ---- cellBack ----

// Parameters: byte addresses of row 0 of the step's gate activations, tanh(cell), previous cell,
// output gradient and gate pre-activation gradient (out); of the carried dh and dc ([rows, units],
// packed); rows; 4·units; byte strides between rows (cPrevStride 0: one zero row for all).
const BG = 0;
const BTC = 1;
const BC_PREV = 2;
const BDY = 3;
const BDZ = 4;
const BDH = 5;
const BDC = 6;
const B_ROWS = 7;
const B_UNITS4 = 8;
const B_G_STRIDE = 9;
const B_C_STRIDE = 10;
const B_C_PREV_STRIDE = 11;
// Locals.
const BR = 12;
const BQ = 13;
const BGP = 14; // gates row (also the dz row's offset from BDZ: same stride)
const BCP = 15; // r·cStride
const BPP = 16;
const BNP = 17; // r·units4 (the packed dh, dc rows)
const BDZP = 18;
const BA = 19;
const W_I = 20;
const W_F = 21;
const W_G = 22;
const W_O = 23;
const W_TC = 24;
const W_DH = 25;
const W_DC = 26;
const BACK_LOCALS: Bytes[] = [
  [...uleb(8), T.i32],
  [...uleb(7), T.v128],
];

/** Pushes base + offset + q (i32 locals). */
const at = (base: number, offset: number, q: number): Bytes => code(op.get(base), op.get(offset), op.i32Add, op.get(q), op.i32Add);
/** Pushes 1 − v·v of a v128 local. */
const oneMinusSquare = (v: number): Bytes => code(op.f32x4(1), op.get(v), op.get(v), op.f32x4Mul, op.f32x4Sub);

/**
 * cellBack(g, tc, cPrev, dy, dz, dh, dc, rows, units4, gStride, cStride, cPrevStride), per row and 4
 * units at a time: dh' = dy + dh; dc' = dh'·o·(1 − tc²) + dc; then dc ← dc'·f and the gates'
 * pre-activation gradients dz = [dc'·g·i(1 − i), dc'·cPrev·f(1 − f), dc'·i·(1 − g²), dh'·tc·o(1 − o)].
 */
const backBody = code(
  op.loop,
  code(op.get(BR), op.get(B_G_STRIDE), op.i32Mul, op.set(BDZP)),
  code(op.get(BG), op.get(BDZP), op.i32Add, op.set(BGP)),
  code(op.get(BDZ), op.get(BDZP), op.i32Add, op.set(BDZP)),
  code(op.get(BR), op.get(B_C_STRIDE), op.i32Mul, op.set(BCP)),
  code(op.get(BC_PREV), op.get(BR), op.get(B_C_PREV_STRIDE), op.i32Mul, op.i32Add, op.set(BPP)),
  code(op.get(BR), op.get(B_UNITS4), op.i32Mul, op.set(BNP)),
  code(op.i32(0), op.set(BQ)),
  op.loop,
  // the gate activations i, f, g, o at gp + q + k·units4
  code(op.get(BGP), op.get(BQ), op.i32Add, op.v128Load(0), op.set(W_I)),
  code(op.get(BGP), op.get(BQ), op.i32Add, op.get(B_UNITS4), op.i32Add, op.v128Load(0), op.set(W_F)),
  code(op.get(BGP), op.get(BQ), op.i32Add, op.get(B_UNITS4), op.i32Add, op.get(B_UNITS4), op.i32Add, op.v128Load(0), op.set(W_G)),
  code(op.get(BGP), op.get(BQ), op.i32Add, op.get(B_UNITS4), op.i32(3), op.i32Mul, op.i32Add, op.v128Load(0), op.set(W_O)),
  code(at(BTC, BCP, BQ), op.v128Load(0), op.set(W_TC)),
  // dh' = dy + dh; dc' = dh'·o·(1 − tc²) + dc
  code(at(BDY, BCP, BQ), op.v128Load(0), at(BDH, BNP, BQ), op.v128Load(0), op.f32x4Add, op.set(W_DH)),
  code(
    op.get(W_DH),
    op.get(W_O),
    op.f32x4Mul,
    oneMinusSquare(W_TC),
    op.f32x4Mul,
    at(BDC, BNP, BQ),
    op.v128Load(0),
    op.f32x4Add,
    op.set(W_DC),
  ),
  // dc ← dc'·f
  code(at(BDC, BNP, BQ), op.get(W_DC), op.get(W_F), op.f32x4Mul, op.v128Store(0)),
  // dz = [dc'·g·i·(1 − i), dc'·cPrev·f·(1 − f), dc'·i·(1 − g²), dh'·tc·o·(1 − o)]
  code(op.get(BDZP), op.get(BQ), op.i32Add, op.set(BA)),
  code(
    op.get(BA),
    op.get(W_DC),
    op.get(W_G),
    op.f32x4Mul,
    op.get(W_I),
    op.f32x4Mul,
    op.f32x4(1),
    op.get(W_I),
    op.f32x4Sub,
    op.f32x4Mul,
    op.v128Store(0),
  ),
  add(BA, op.get(B_UNITS4)),
  code(op.get(BA), op.get(W_DC), op.get(BPP), op.get(BQ), op.i32Add, op.v128Load(0), op.f32x4Mul, op.get(W_F), op.f32x4Mul),
  code(op.f32x4(1), op.get(W_F), op.f32x4Sub, op.f32x4Mul, op.v128Store(0)),
  add(BA, op.get(B_UNITS4)),
  code(
    op.get(BA),
    op.get(W_DC),
    op.get(W_I),
    op.f32x4Mul,
    op.f32x4(1),
    op.get(W_G),
    op.get(W_G),
    op.f32x4Mul,
    op.f32x4Sub,
    op.f32x4Mul,
    op.v128Store(0),
  ),
  add(BA, op.get(B_UNITS4)),
  code(
    op.get(BA),
    op.get(W_DH),
    op.get(W_TC),
    op.f32x4Mul,
    op.get(W_O),
    op.f32x4Mul,
    op.f32x4(1),
    op.get(W_O),
    op.f32x4Sub,
    op.f32x4Mul,
    op.v128Store(0),
  ),
  add(BQ, op.i32(16)),
  code(op.get(BQ), op.get(B_UNITS4), op.i32LtU, op.brIf(0)),
  op.end,
  add(BR, op.i32(1)),
  code(op.get(BR), op.get(B_ROWS), op.i32LtU, op.brIf(0)),
  op.end,
);

/** The module's bytes: functions `gemm`, `cell` and `cellBack` and one memory `memory`, all exported. */
export function lstmWasmModuleBytes(): Uint8Array {
  const i32s = (count: number) => Array.from({ length: count }, () => [T.i32]);
  const gemm = code(vector(LOCALS), body, op.end);
  const cell = code(vector(CELL_LOCALS), cellBody, op.end);
  const cellBack = code(vector(BACK_LOCALS), backBody, op.end);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(
      1,
      vector([
        [0x60, ...vector(i32s(8)), ...vector([])],
        [0x60, ...vector(i32s(10)), ...vector([])],
        [0x60, ...vector(i32s(12)), ...vector([])],
      ]),
    ),
    ...section(3, vector([[0], [1], [2]])),
    ...section(5, vector([[0x00, 1]])), // one memory, 1 page to start, no maximum
    ...section(
      7,
      vector([
        code(name("gemm"), [0x00, 0]),
        code(name("cell"), [0x00, 1]),
        code(name("cellBack"), [0x00, 2]),
        code(name("memory"), [0x02, 0]),
      ]),
    ),
    ...section(10, vector([code(uleb(gemm.length), gemm), code(uleb(cell.length), cell), code(uleb(cellBack.length), cellBack)])),
  ]);
}

type GemmExport = (out: number, a: number, b: number, rows: number, k: number, n: number, outStride: number, aStride: number) => void;
type CellExport = (
  g: number,
  cPrev: number,
  c: number,
  tc: number,
  h: number,
  rows: number,
  units4: number,
  gStride: number,
  cStride: number,
  cPrevStride: number,
) => void;

type CellBackExport = (
  g: number,
  tc: number,
  cPrev: number,
  dy: number,
  dz: number,
  dh: number,
  dc: number,
  rows: number,
  units4: number,
  gStride: number,
  cStride: number,
  cPrevStride: number,
) => void;

/** A strided row block: row r of the matrix starts at offset + r·stride. */
export type Rows = { values: Float32Array; offset: number; stride: number };

/** One LSTM layer's forward state, batch-major (row b·steps + t); gates hold the activations. */
export type LstmForward = { h: Float32Array; c: Float32Array; tanhC: Float32Array; gates: Float32Array };

const PAGE = 65536;

/**
 * Large arrays for the layers' saved state, reused: a fresh megabyte-sized Float32Array costs
 * ≈ 3 ms here (its pages are faulted in on first touch), more than the layer's arithmetic, so the
 * fused layer hands its arrays back (`releaseArrays`) once its gradient is taken, and the next step
 * takes them again. Arrays never handed back (inference) are simply collected.
 */
const pool = new Map<number, Float32Array[]>();
const POOL_LIMIT = 64;
let pooled = 0;

/** A Float32Array of this length, from the pool when one is there (contents unspecified). */
export function takeArray(length: number): Float32Array {
  const free = pool.get(length)?.pop();
  if (free) {
    pooled--;
    return free;
  }
  return new Float32Array(length);
}

/** Hands arrays back for reuse; the caller must not use them again. */
export function releaseArrays(arrays: Float32Array[]): void {
  for (const a of arrays) {
    if (pooled >= POOL_LIMIT) return;
    const list = pool.get(a.length) ?? [];
    list.push(a);
    pool.set(a.length, list);
    pooled++;
  }
}

/** values [from, to) copied into a pooled array. */
const copy = (values: Float32Array, from: number, to: number): Float32Array => {
  const out = takeArray(to - from);
  out.set(values.subarray(from, to));
  return out;
};

export class WasmLstm {
  private f32: Float32Array;
  private bLength = 0;
  private n = 0;

  constructor(
    private readonly gemm: GemmExport,
    private readonly cell: CellExport,
    private readonly cellBack: CellBackExport,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Whether `gemm` takes a right-hand side of n columns (a positive multiple of 16). */
  static fits(n: number): boolean {
    return n > 0 && n % 16 === 0;
  }

  /** Whether `forward` takes a layer of this many units (4·units a multiple of 16). */
  static fitsUnits(units: number): boolean {
    return WasmLstm.fits(4 * units);
  }

  /** Makes b [k, n] (n a multiple of 16) the right-hand side of the following products. */
  setB(b: Float32Array, n: number): void {
    this.ensure(b.length);
    this.f32.set(b, 0);
    this.bLength = b.length;
    this.n = n;
  }

  /** out row r (n wide) += a row r (k wide)·b, r < rows; rows strided (row r at offset + r·stride). */
  addProduct(out: Rows, a: Rows, rows: number, k: number): void {
    const n = this.n;
    const aAt = this.bLength;
    const outAt = aAt + rows * k;
    this.ensure(outAt + rows * n);
    const f32 = this.f32;
    for (let r = 0; r < rows; r++) {
      const ar = a.offset + r * a.stride;
      const or = out.offset + r * out.stride;
      f32.set(a.values.subarray(ar, ar + k), aAt + r * k);
      f32.set(out.values.subarray(or, or + n), outAt + r * n);
    }
    this.gemm(4 * outAt, 4 * aAt, 0, rows, k, n, 4 * n, 4 * k);
    for (let r = 0; r < rows; r++) {
      const or = out.offset + r * out.stride;
      out.values.set(f32.subarray(outAt + r * n, outAt + (r + 1) * n), or);
    }
  }

  /**
   * The layer's whole forward recurrence. z: the pre-activations x·W + b, [batch·steps, 4·units]
   * batch-major; r: [units, 4·units]; step s processes t = reverse ? steps − 1 − s : s.
   */
  forward(z: Float32Array, r: Float32Array, steps: number, batch: number, units: number, reverse: boolean): LstmForward {
    const n = 4 * units;
    const rows = batch * steps;
    const zerosAt = r.length;
    const gatesAt = zerosAt + units;
    const cAt = gatesAt + rows * n;
    const tcAt = cAt + rows * units;
    const hAt = tcAt + rows * units;
    this.ensure(hAt + rows * units);
    const f32 = this.f32;
    f32.set(r, 0);
    f32.fill(0, zerosAt, gatesAt);
    f32.set(z, gatesAt);
    const [gStride, cStride] = [4 * steps * n, 4 * steps * units];
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const prev = s === 0 ? -1 : reverse ? t + 1 : t - 1;
      const g = 4 * (gatesAt + t * n);
      if (prev >= 0) this.gemm(g, 4 * (hAt + prev * units), 0, batch, units, n, gStride, cStride);
      const cPrev = prev >= 0 ? 4 * (cAt + prev * units) : 4 * zerosAt;
      const at = (base: number) => 4 * (base + t * units);
      this.cell(g, cPrev, at(cAt), at(tcAt), at(hAt), batch, 4 * units, gStride, cStride, prev >= 0 ? cStride : 0);
    }
    return {
      gates: copy(f32, gatesAt, cAt),
      c: copy(f32, cAt, tcAt),
      tanhC: copy(f32, tcAt, hAt),
      h: copy(f32, hAt, hAt + rows * units),
    };
  }

  /** Whether `backward` takes a layer of this many units (a multiple of 16: dzₜ·Rᵀ has units columns). */
  static fitsBackward(units: number): boolean {
    return WasmLstm.fits(units);
  }

  /**
   * BPTT of `forward`'s layer. dy: the output's gradient, [batch·steps, units] batch-major; rT:
   * Rᵀ, [4·units, units]. → dz, the gate pre-activations' gradient, [batch·steps, 4·units].
   */
  backward(
    fw: LstmForward,
    dy: Float32Array,
    rT: Float32Array,
    steps: number,
    batch: number,
    units: number,
    reverse: boolean,
  ): Float32Array {
    const n = 4 * units;
    const rows = batch * steps;
    const zerosAt = rT.length;
    const gatesAt = zerosAt + units;
    const tcAt = gatesAt + rows * n;
    const cAt = tcAt + rows * units;
    const dyAt = cAt + rows * units;
    const dzAt = dyAt + rows * units;
    const dhAt = dzAt + rows * n;
    const dcAt = dhAt + batch * units;
    this.ensure(dcAt + batch * units);
    const f32 = this.f32;
    f32.set(rT, 0);
    f32.fill(0, zerosAt, gatesAt);
    f32.set(fw.gates, gatesAt);
    f32.set(fw.tanhC, tcAt);
    f32.set(fw.c, cAt);
    f32.set(dy, dyAt);
    f32.fill(0, dhAt, dcAt + batch * units);
    const [gStride, cStride] = [4 * steps * n, 4 * steps * units];
    for (let s = steps - 1; s >= 0; s--) {
      const t = reverse ? steps - 1 - s : s;
      const prev = s === 0 ? -1 : reverse ? t + 1 : t - 1;
      const cPrev = prev >= 0 ? 4 * (cAt + prev * units) : 4 * zerosAt;
      const step = (base: number, width: number) => 4 * (base + t * width);
      this.cellBack(
        step(gatesAt, n),
        step(tcAt, units),
        cPrev,
        step(dyAt, units),
        step(dzAt, n),
        4 * dhAt,
        4 * dcAt,
        batch,
        4 * units,
        gStride,
        cStride,
        prev >= 0 ? cStride : 0,
      );
      if (prev >= 0) {
        f32.fill(0, dhAt, dhAt + batch * units);
        this.gemm(4 * dhAt, step(dzAt, n), 0, batch, n, units, 4 * units, gStride);
      }
    }
    return copy(f32, dzAt, dzAt + rows * n);
  }

  private ensure(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE));
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }
}

let kernel: WasmLstm | null | undefined;

/** The kernels of this thread, compiled on first use; null where WebAssembly SIMD cannot run here. */
export function wasmLstm(): WasmLstm | null {
  if (kernel === undefined) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(lstmWasmModuleBytes() as BufferSource), {});
      const { gemm, cell, cellBack, memory } = instance.exports as {
        gemm: GemmExport;
        cell: CellExport;
        cellBack: CellBackExport;
        memory: WebAssembly.Memory;
      };
      kernel = new WasmLstm(gemm, cell, cellBack, memory);
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

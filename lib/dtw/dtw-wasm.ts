/**
 * The DTW kernel in WebAssembly: the same PrunedDTW two-row DP as `dtw-js.ts`, operation for
 * operation, so the same bits — at the speed of compiled C.
 *
 * Why not JavaScript: the cell update `best = min(diag, up, left); left = d² + best` is a chain
 * through `left` from one cell to the next. C compiles `if (up < best) best = up` to one `minsd`;
 * V8 compiles it (and `Math.min`, and wasm's `f64.min` / float `select`) to compare-and-branch, and
 * on real data those branches are unpredictable — 5–6× slower per cell. WebAssembly SIMD's
 * `f64x2.pmin(x, y)` is defined as `y < x ? y : x` — exactly that statement, NaN and ±0 included —
 * and compiles to `minpd`. So the DP runs in lane 0 of v128 values: pmin(pmin(diag, up), left) + d².
 *
 * The module (well under 1 KiB) is assembled from the program below when first used and compiled
 * synchronously (allowed for small modules on every thread); no binary is checked in. Where
 * WebAssembly or its SIMD is unavailable (or a Content-Security-Policy forbids compiling it),
 * `wasmDtwKernel()` answers null and `dtw.ts` runs the JavaScript kernel.
 *
 * Memory per call (bytes): [0, 8) the cells computed (f64), then prev and curr (m + 1 f64 each),
 * a (n f64), b (m f64), the span's lo and hi per row (n i32 each). Series are copied in as f64,
 * which is exact for Float32Array and Float64Array alike.
 */
import type { Band, RowSpan } from "./band";
import type { DtwScratch, Series } from "./types";
import { name, section, sleb, uleb, vector, type Bytes } from "../wasm/encoder";

const T = { i32: 0x7f, f64: 0x7c, v128: 0x7b, void: 0x40 } as const;
const ALIGN8 = 3;
const ALIGN4 = 2;

/** Instructions, as functions returning their bytes. */
const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  f64: (value: number): Bytes => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    return [0x44, ...new Uint8Array(view.buffer)];
  },
  block: [0x02, T.void],
  loop: [0x03, T.void],
  if: [0x04, T.void],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  return: [0x0f],
  select: [0x1b],
  i32Load: [0x28, ALIGN4, 0],
  f64Load: [0x2b, ALIGN8, 0],
  f64Store: [0x39, ALIGN8, 0],
  i32Eq: [0x46],
  i32LtS: [0x48],
  i32GtS: [0x4a],
  i32LeS: [0x4c],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Shl: [0x74],
  f64Le: [0x65],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64FromI32: [0xb7],
  v128Load64Splat: [0xfd, ...uleb(10), ALIGN8, 0],
  v128Store64Lane0: [0xfd, ...uleb(91), ALIGN8, 0, 0],
  f64x2Splat: [0xfd, ...uleb(20)],
  f64x2ExtractLane0: [0xfd, ...uleb(33), 0],
  f64x2Add: [0xfd, ...uleb(240)],
  /** pmin(x, y) = y < x ? y : x. */
  f64x2Pmin: [0xfd, ...uleb(246)],
};

const code = (...parts: Bytes[]): Bytes => parts.flat();

// ---- The kernel. ----

// Parameters.
const N = 0;
const M = 1;
const THRESHOLD = 2;
const A = 3; // address of a[0]
const B1 = 4; // address of b[0] − 8, so that b[k − 1] lies at B1 + 8k
const LO = 5;
const HI = 6;
const PREV = 7;
const CURR = 8;
// Locals.
const I = 9;
const K = 10;
const K_LO = 11;
const K_HI = 12;
const A_END = 13;
const LIVE_FIRST = 14;
const LIVE_LAST = 15;
const FIRST = 16;
const LAST = 17;
const SWAP = 18;
const AI = 19;
const LEFT = 20;
const D = 21;
const CELLS = 22;
const DIAG_V = 23;
const UP_V = 24;
const LEFT_V = 25;
const LOCALS: Bytes[] = [
  [...uleb(10), T.i32],
  [...uleb(4), T.f64],
  [...uleb(3), T.v128],
];

/** base + 8·index (an f64 element's address). */
const at8 = (base: number, index: number): Bytes => code(op.get(base), op.get(index), op.i32(3), op.i32Shl, op.i32Add);
const at4 = (base: number, index: number): Bytes => code(op.get(base), op.get(index), op.i32(2), op.i32Shl, op.i32Add);
/** Pushes max(x, y) of the i32 locals/expressions x and y (both evaluated twice: keep them pure). */
const maxI32 = (x: Bytes, y: Bytes): Bytes => code(x, y, x, y, op.i32GtS, op.select);
const minI32 = (x: Bytes, y: Bytes): Bytes => code(x, y, x, y, op.i32LtS, op.select);
/** d = a[i] − b[k − 1] */
const diff = code(op.get(AI), at8(B1, K), op.f64Load, op.f64Sub);

/**
 * dtw(n, m, threshold, a, b − 8, lo, hi, prev, curr) → the squared distance or Infinity, the cells
 * computed stored at address 0. `dtwSquaredInSpanJs` line by line; comments name its statements.
 */
const body = code(
  // for (i = 0; i < n; i++) — n ≥ 1
  op.loop,
  // ai = a[i]
  at8(A, I),
  op.f64Load,
  op.set(AI),
  // kLo = max(lo(i) + 1, liveFirst, 1)
  maxI32(maxI32(code(at4(LO, I), op.i32Load, op.i32(1), op.i32Add), op.get(LIVE_FIRST)), op.i32(1)),
  op.set(K_LO),
  // kHi = hi(i)
  at4(HI, I),
  op.i32Load,
  op.set(K_HI),
  // curr[kLo − 1] = Infinity
  code(op.get(K_LO), op.i32(1), op.i32Sub, op.set(K)),
  at8(CURR, K),
  op.f64(Infinity),
  op.f64Store,
  // diag = prev[kLo − 1]; left = Infinity
  at8(PREV, K),
  op.v128Load64Splat,
  op.set(DIAG_V),
  op.f64(Infinity),
  op.f64x2Splat,
  op.set(LEFT_V),
  // aEnd = min(kHi, liveLast + 1); k = kLo
  minI32(op.get(K_HI), code(op.get(LIVE_LAST), op.i32(1), op.i32Add)),
  op.set(A_END),
  op.get(K_LO),
  op.set(K),
  // Part A: for (; k ≤ aEnd; k++) { best = pmin(pmin(diag, up), left); left = d² + best; curr[k] = left }
  op.block,
  code(op.get(K), op.get(A_END), op.i32GtS, op.brIf(0)),
  op.loop,
  at8(PREV, K),
  op.v128Load64Splat,
  op.set(UP_V),
  op.get(DIAG_V),
  op.get(UP_V),
  op.f64x2Pmin,
  op.get(LEFT_V),
  op.f64x2Pmin,
  op.get(UP_V),
  op.set(DIAG_V),
  diff,
  op.tee(D),
  op.get(D),
  op.f64Mul,
  op.f64x2Splat,
  op.f64x2Add,
  op.set(LEFT_V),
  at8(CURR, K),
  op.get(LEFT_V),
  op.v128Store64Lane0,
  code(op.get(K), op.i32(1), op.i32Add, op.tee(K), op.get(A_END), op.i32LeS, op.brIf(0)),
  op.end,
  op.end,
  // Part B: for (; k ≤ kHi && left ≤ threshold; k++) { left = d² + left; curr[k] = left }
  op.get(LEFT_V),
  op.f64x2ExtractLane0,
  op.set(LEFT),
  op.block,
  op.loop,
  code(op.get(K), op.get(K_HI), op.i32GtS, op.brIf(1)),
  code(op.get(LEFT), op.get(THRESHOLD), op.f64Le, op.i32(0), op.i32Eq, op.brIf(1)),
  at8(CURR, K),
  diff,
  op.tee(D),
  op.get(D),
  op.f64Mul,
  op.get(LEFT),
  op.f64Add,
  op.tee(LEFT),
  op.f64Store,
  code(op.get(K), op.i32(1), op.i32Add, op.set(K), op.br(0)),
  op.end,
  op.end,
  // if (k ≤ m) curr[k] = Infinity
  code(op.get(K), op.get(M), op.i32LeS, op.if, at8(CURR, K), op.f64(Infinity), op.f64Store, op.end),
  // cells += k − kLo
  code(op.get(CELLS), op.get(K), op.get(K_LO), op.i32Sub, op.f64FromI32, op.f64Add, op.set(CELLS)),
  // first = kLo; while (first < k && !(curr[first] ≤ threshold)) first++
  op.get(K_LO),
  op.set(FIRST),
  op.block,
  op.loop,
  code(op.get(FIRST), op.get(K), op.i32LtS, op.i32(0), op.i32Eq, op.brIf(1)),
  code(at8(CURR, FIRST), op.f64Load, op.get(THRESHOLD), op.f64Le, op.brIf(1)),
  code(op.get(FIRST), op.i32(1), op.i32Add, op.set(FIRST), op.br(0)),
  op.end,
  op.end,
  // if (first === k) return Infinity
  code(op.get(FIRST), op.get(K), op.i32Eq, op.if),
  code(op.i32(0), op.get(CELLS), op.f64Store, op.f64(Infinity), op.return),
  op.end,
  // last = k − 1; while (!(curr[last] ≤ threshold)) last--
  code(op.get(K), op.i32(1), op.i32Sub, op.set(LAST)),
  op.block,
  op.loop,
  code(at8(CURR, LAST), op.f64Load, op.get(THRESHOLD), op.f64Le, op.brIf(1)),
  code(op.get(LAST), op.i32(1), op.i32Sub, op.set(LAST), op.br(0)),
  op.end,
  op.end,
  // liveFirst = first; liveLast = last; swap the rows
  code(op.get(FIRST), op.set(LIVE_FIRST), op.get(LAST), op.set(LIVE_LAST)),
  code(op.get(PREV), op.set(SWAP), op.get(CURR), op.set(PREV), op.get(SWAP), op.set(CURR)),
  code(op.get(I), op.i32(1), op.i32Add, op.tee(I), op.get(N), op.i32LtS, op.brIf(0)),
  op.end,
  code(op.i32(0), op.get(CELLS), op.f64Store),
  // result = liveLast === m ? prev[m] : Infinity; return result ≤ threshold ? result : Infinity
  code(at8(PREV, M), op.f64Load, op.f64(Infinity), op.get(LIVE_LAST), op.get(M), op.i32Eq, op.select, op.set(LEFT)),
  code(op.get(LEFT), op.f64(Infinity), op.get(LEFT), op.get(THRESHOLD), op.f64Le, op.select),
);

/** The module's bytes: one function `dtw` and one memory `memory`, both exported. */
export function dtwWasmModuleBytes(): Uint8Array {
  const params = [T.i32, T.i32, T.f64, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32].map((t) => [t]);
  const func = code(vector(LOCALS), body, op.end);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(params), ...vector([[T.f64]])]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])), // one memory, 1 page to start, no maximum
    ...section(7, vector([code(name("dtw"), [0x00, 0]), code(name("memory"), [0x02, 0])])),
    ...section(10, vector([code(uleb(func.length), func)])),
  ]);
}

// ---- The JavaScript side. ----

type DtwExport = (
  n: number,
  m: number,
  threshold: number,
  a: number,
  b1: number,
  lo: number,
  hi: number,
  prev: number,
  curr: number,
) => number;

const PAGE = 65536;

export class WasmDtwKernel {
  private f64: Float64Array;
  private i32: Int32Array;

  constructor(
    private readonly run: DtwExport,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.f64 = new Float64Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }

  /** As `dtwSquaredInSpanJs` over the rows lo/hi of a band (see `band.ts`). */
  band(a: Series, b: Series, band: Band, threshold: number, scratch?: DtwScratch): number {
    const n = a.length;
    const m = b.length;
    const layout = this.prepare(a, b);
    const lo = layout.lo >> 2;
    const hi = layout.hi >> 2;
    if (band.full) {
      this.i32.fill(0, lo, lo + n);
      this.i32.fill(m, hi, hi + n);
    } else {
      for (let i = 0; i < n; i++) {
        this.i32[lo + i] = Math.max(0, i - band.below);
        this.i32[hi + i] = Math.min(m, i + band.above + 1);
      }
    }
    return this.finish(a, b, layout, threshold, scratch);
  }

  /** As `dtwSquaredInSpanJs`. */
  span(a: Series, b: Series, span: RowSpan, threshold: number, scratch?: DtwScratch): number {
    const layout = this.prepare(a, b);
    const lo = layout.lo >> 2;
    const hi = layout.hi >> 2;
    for (let i = 0; i < a.length; i++) {
      this.i32[lo + i] = span.lo(i);
      this.i32[hi + i] = span.hi(i);
    }
    return this.finish(a, b, layout, threshold, scratch);
  }

  private prepare(a: Series, b: Series): { prev: number; curr: number; a: number; b: number; lo: number; hi: number } {
    const n = a.length;
    const m = b.length;
    const prev = 8;
    const curr = prev + 8 * (m + 1);
    const aAt = curr + 8 * (m + 1);
    const bAt = aAt + 8 * n;
    const lo = bAt + 8 * m;
    const hi = lo + 4 * n;
    const end = hi + 4 * n;
    if (end > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
      this.f64 = new Float64Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    this.f64.set(a, aAt >> 3);
    this.f64.set(b, bAt >> 3);
    // Row "−1": only the virtual origin (index 0) is live.
    this.f64.fill(Infinity, prev >> 3, (prev >> 3) + m + 1);
    this.f64[prev >> 3] = 0;
    return { prev, curr, a: aAt, b: bAt, lo, hi };
  }

  private finish(a: Series, b: Series, at: ReturnType<WasmDtwKernel["prepare"]>, threshold: number, scratch?: DtwScratch): number {
    const result = this.run(a.length, b.length, threshold, at.a, at.b - 8, at.lo, at.hi, at.prev, at.curr);
    if (scratch) scratch.cells += this.f64[0]!;
    return result;
  }
}

let kernel: WasmDtwKernel | null | undefined;

/** The kernel of this thread, compiled on first use; null where WebAssembly SIMD cannot run here. */
export function wasmDtwKernel(): WasmDtwKernel | null {
  if (kernel === undefined) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(dtwWasmModuleBytes() as BufferSource), {});
      const { dtw, memory } = instance.exports as { dtw: DtwExport; memory: WebAssembly.Memory };
      kernel = new WasmDtwKernel(dtw, memory);
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

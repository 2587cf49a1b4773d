/**
 * A small matrix product in WebAssembly SIMD for the fused LSTM recurrence (fused-lstm.ts): per
 * step, out[rows, n] += a[rows, k]·b[k, n] with rows = batch, k and n the layer's units or 4·units.
 * V8 does not vectorise the JavaScript loop; here each output row is computed 16 columns at a time
 * in four f32x4 accumulators (f32 multiply, then f32 add, as XNNPACK without FMA), so the result is
 * float32 like tfjs's own matmul.
 *
 * The module (a few hundred bytes) is assembled below at first use and compiled synchronously; no
 * binary is checked in. Where WebAssembly SIMD cannot run (or a Content-Security-Policy forbids
 * compiling), `wasmGemm()` answers null and the caller runs its JavaScript loop. Memory: b at byte
 * 0 (set once per layer by `setB`), then a and out, copied in and out per call.
 */

type Bytes = number[];

function uleb(value: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (s: string): Bytes => vector([...s].map((c) => [c.charCodeAt(0)]));
const code = (...parts: Bytes[]): Bytes => parts.flat();

const T = { i32: 0x7f, v128: 0x7b, void: 0x40 } as const;
const ALIGN4 = 2;
const simd = (opcode: number, ...rest: number[]): Bytes => [0xfd, ...uleb(opcode), ...rest];

const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
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
  f32x4Mul: simd(0xe6),
};

// Parameters (byte addresses and counts).
const OUT = 0;
const A = 1;
const B = 2;
const ROWS = 3;
const K = 4;
const N = 5;
// Locals.
const R = 6;
const J = 7; // byte offset of the column block within a row
const A_PTR = 8;
const A_END = 9;
const B_PTR = 10;
const O_PTR = 11;
const ACC = 12; // four v128 accumulators: ACC … ACC + 3
const AV = 16;
const LOCALS: Bytes[] = [
  [...uleb(6), T.i32],
  [...uleb(5), T.v128],
];

const add = (local: number, expr: Bytes): Bytes => code(op.get(local), expr, op.i32Add, op.set(local));

/**
 * gemm(out, a, b, rows, k, n): out[r, j] += Σ_p a[r, p]·b[p, j]; rows, k ≥ 1, n a positive
 * multiple of 16; row-major f32 matrices at the byte addresses out, a, b.
 */
const body = code(
  // for (r = 0; r < rows; r++)
  op.loop,
  code(op.i32(0), op.set(J)),
  // for (j = 0; j < 4n; j += 64) — bytes
  op.loop,
  // oPtr = out + (r·n)·4 + j
  code(op.get(OUT), op.get(R), op.get(N), op.i32Mul, op.i32(4), op.i32Mul, op.i32Add, op.get(J), op.i32Add, op.set(O_PTR)),
  ...[0, 1, 2, 3].map((q) => code(op.get(O_PTR), op.v128Load(16 * q), op.set(ACC + q))),
  // aPtr = a + r·k·4; aEnd = aPtr + 4k; bPtr = b + j
  code(op.get(A), op.get(R), op.get(K), op.i32Mul, op.i32(4), op.i32Mul, op.i32Add, op.set(A_PTR)),
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

/** The module's bytes: one function `gemm` and one memory `memory`, both exported. */
export function gemmWasmModuleBytes(): Uint8Array {
  const params = Array.from({ length: 6 }, () => [T.i32]);
  const func = code(vector(LOCALS), body, op.end);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(params), ...vector([])]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])), // one memory, 1 page to start, no maximum
    ...section(7, vector([code(name("gemm"), [0x00, 0]), code(name("memory"), [0x02, 0])])),
    ...section(10, vector([code(uleb(func.length), func)])),
  ]);
}

/** A strided row block: row r of the matrix starts at offset + r·stride. */
export type Rows = { values: Float32Array; offset: number; stride: number };

type GemmExport = (out: number, a: number, b: number, rows: number, k: number, n: number) => void;

const PAGE = 65536;

export class WasmGemm {
  private f32: Float32Array;
  private bLength = 0;
  private n = 0;

  constructor(
    private readonly run: GemmExport,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Whether the kernel takes a right-hand side of n columns (a positive multiple of 16). */
  static fits(n: number): boolean {
    return n > 0 && n % 16 === 0;
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
    this.run(4 * outAt, 4 * aAt, 0, rows, k, n);
    for (let r = 0; r < rows; r++) {
      const or = out.offset + r * out.stride;
      out.values.set(f32.subarray(outAt + r * n, outAt + (r + 1) * n), or);
    }
  }

  private ensure(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE));
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }
}

let kernel: WasmGemm | null | undefined;

/** The kernel of this thread, compiled on first use; null where WebAssembly SIMD cannot run here. */
export function wasmGemm(): WasmGemm | null {
  if (kernel === undefined) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(gemmWasmModuleBytes() as BufferSource), {});
      const { gemm, memory } = instance.exports as { gemm: GemmExport; memory: WebAssembly.Memory };
      kernel = new WasmGemm(gemm, memory);
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

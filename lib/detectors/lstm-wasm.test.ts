import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { WasmLstm, lstmWasmModuleBytes, wasmLstm } from "./lstm-wasm";

describe("the wasm SIMD kernels", () => {
  it("fit in a module small enough to compile synchronously on a browser's main thread (4 KiB)", () => {
    expect(lstmWasmModuleBytes().length).toBeLessThan(4096);
  });

  it("compiles here and accumulates a·b into out, in float32", () => {
    const gemm = wasmLstm();
    expect(gemm).not.toBeNull();
    const [rows, k, n] = [3, 5, 32];
    // a's rows 7 apart from offset 2, out's rows n + 3 apart from offset 1.
    const [aStride, outStride] = [7, n + 3];
    const rng = createRng(1);
    const random = (length: number) => Float32Array.from({ length }, () => rng.next() * 2 - 1);
    const a = random(2 + rows * aStride);
    const b = random(k * n);
    const out = random(1 + rows * outStride);
    const expected = Float32Array.from(out);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let sum = expected[1 + r * outStride + j] ?? 0;
        for (let p = 0; p < k; p++) sum = Math.fround(sum + Math.fround((a[2 + r * aStride + p] ?? 0) * (b[p * n + j] ?? 0)));
        expected[1 + r * outStride + j] = sum;
      }
    gemm?.setB(b, n);
    gemm?.addProduct({ values: out, offset: 1, stride: outStride }, { values: a, offset: 2, stride: aStride }, rows, k);
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(WasmLstm.fits(16)).toBe(true);
    expect(WasmLstm.fits(8)).toBe(false);
  });

  it("runs an LSTM step's activations and cell update to float32 accuracy (Cephes exp and tanh)", () => {
    const kernel = wasmLstm();
    expect(kernel).not.toBeNull();
    const [batch, steps, units] = [2, 1, 8];
    const n = 4 * units;
    // Pre-activations across the range that matters: tiny, moderate, saturating, beyond exp's clamp.
    const special = [0, 1e-8, -1e-8, 1e-4, -3e-3, 0.3, -0.6, 0.62, 0.63, -1.7, 4, -9, 15, -30, 60, -95, 100];
    const z = Float32Array.from({ length: batch * n }, (_, i) => special[i % special.length] ?? 0);
    const out = kernel?.forward(Float32Array.from(z), new Float32Array(units * n), steps, batch, units, false);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    const close = (actual: number | undefined, expected: number) =>
      expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(4e-7 * Math.abs(expected) + 1e-30);
    for (let b = 0; b < batch; b++) {
      for (let u = 0; u < units; u++) {
        const at = (gate: number) => z[b * n + gate * units + u] ?? 0;
        const [i, f, g, o] = [sigmoid(at(0)), sigmoid(at(1)), Math.tanh(at(2)), sigmoid(at(3))];
        close(out?.gates[b * n + u], i);
        close(out?.gates[b * n + units + u], f);
        close(out?.gates[b * n + 2 * units + u], g);
        close(out?.gates[b * n + 3 * units + u], o);
        const c = Math.fround(Math.fround(i) * Math.fround(g));
        close(out?.c[b * units + u], c);
        close(out?.tanhC[b * units + u], Math.tanh(out?.c[b * units + u] ?? Number.NaN));
      }
    }
  });
});

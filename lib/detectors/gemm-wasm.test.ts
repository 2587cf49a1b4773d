import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { WasmGemm, wasmGemm } from "./gemm-wasm";

describe("the wasm SIMD matrix product", () => {
  it("compiles here and accumulates a·b into out, in float32", () => {
    const gemm = wasmGemm();
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
    expect(WasmGemm.fits(16)).toBe(true);
    expect(WasmGemm.fits(8)).toBe(false);
  });
});

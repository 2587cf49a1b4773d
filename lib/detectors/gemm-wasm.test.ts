import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { WasmGemm, wasmGemm } from "./gemm-wasm";

describe("the wasm SIMD matrix product", () => {
  it("compiles here and accumulates a·b into out, in float32", () => {
    const gemm = wasmGemm();
    expect(gemm).not.toBeNull();
    const [rows, k, n] = [3, 5, 32];
    const rng = createRng(1);
    const random = (length: number) => Float32Array.from({ length }, () => rng.next() * 2 - 1);
    const a = random(2 + rows * k);
    const b = random(k * n);
    const out = random(1 + rows * n);
    const expected = Float32Array.from(out);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let sum = expected[1 + r * n + j] ?? 0;
        for (let p = 0; p < k; p++) sum = Math.fround(sum + Math.fround((a[2 + r * k + p] ?? 0) * (b[p * n + j] ?? 0)));
        expected[1 + r * n + j] = sum;
      }
    gemm?.setB(b, n);
    gemm?.addProduct(out, 1, a, 2, rows, k);
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(WasmGemm.fits(16)).toBe(true);
    expect(WasmGemm.fits(8)).toBe(false);
  });
});

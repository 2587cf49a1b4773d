import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { columnBlock, glorotUniform, orthogonal } from "./init";

function gram(m: Float32Array, rows: number, cols: number, byRows: boolean): number[][] {
  const n = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const at = (v: number, k: number) => (byRows ? (m[v * cols + k] ?? 0) : (m[k * cols + v] ?? 0));
  return Array.from({ length: n }, (_, a) =>
    Array.from({ length: n }, (_, b) => Array.from({ length: len }, (_, k) => at(a, k) * at(b, k)).reduce((s, v) => s + v, 0)),
  );
}

describe("seeded initialisers", () => {
  it("orthogonal: orthonormal rows for wide, columns for tall matrices", () => {
    for (const [rows, cols, byRows] of [
      [4, 12, true],
      [12, 4, false],
      [5, 5, true],
    ] as const) {
      const g = gram(orthogonal(rows, cols, createRng(1)), rows, cols, byRows);
      g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    }
  });

  it("glorot uniform stays within ±√(6/(in + out)) and is reproducible", () => {
    const a = glorotUniform(10, 30, createRng(2));
    const limit = Math.sqrt(6 / 40);
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0.8 * limit);
    expect(glorotUniform(10, 30, createRng(2))).toEqual(a);
    expect(glorotUniform(10, 30, createRng(3))).not.toEqual(a);
  });

  it("cuts a column block out of a row-major matrix", () => {
    const m = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 2×4
    expect(Array.from(columnBlock(m, 2, 4, 1, 2))).toEqual([2, 3, 6, 7]);
  });
});

import { describe, expect, it } from "vitest";
import { acf, bartlettHalfWidths, firstLagInsideBand, prefersFftAcf, Z_99 } from "./acf";
import { errorCode, randomColumns } from "./test-helpers";

describe("acf", () => {
  it("matches the hand computation for [1, 2, 3, 4, 5]", () => {
    // mean 3, deviations d = [−2, −1, 0, 1, 2], Σd² = 10
    // lag 1: (−2)(−1) + (−1)(0) + (0)(1) + (1)(2) = 4   → 0.4
    // lag 2: (−2)(0) + (−1)(1) + (0)(2)             = −1  → −0.1
    // lag 3: (−2)(1) + (−1)(2)                      = −4  → −0.4
    // lag 4: (−2)(2)                                = −4  → −0.4
    const expected = [1, 0.4, -0.1, -0.4, -0.4];
    for (const method of ["direct", "fft"] as const) {
      const r = acf([1, 2, 3, 4, 5], 4, method);
      expected.forEach((x, k) => expect(r[k]).toBeCloseTo(x, 12));
    }
  });

  it("gives the same values by FFT and by the direct sum on random data", () => {
    for (const [n, maxLag] of [
      [1000, 999],
      [777, 300],
      [64, 5],
    ] as const) {
      const x = randomColumns(n, 1, n)[0] ?? new Float32Array(0);
      const direct = acf(x, maxLag, "direct");
      const viaFft = acf(x, maxLag, "fft");
      direct.forEach((r, k) => expect(viaFft[k]).toBeCloseTo(r, 10));
    }
  });

  it("picks the FFT only when it is cheaper", () => {
    expect(prefersFftAcf(100, 10)).toBe(false);
    expect(prefersFftAcf(20_000, 2048)).toBe(true);
  });

  it("is NaN for a constant series and rejects lags beyond n − 1", () => {
    expect(Array.from(acf([2, 2, 2], 2)).every(Number.isNaN)).toBe(true);
    expect(errorCode(() => acf([1, 2, 3], 3))).toBe("invalid_option");
    expect(errorCode(() => acf([1, Number.NaN, 3], 1))).toBe("non_finite_value");
  });
});

describe("bartlettHalfWidths", () => {
  it("follows statsmodels' formula on the hand series (n = 5)", () => {
    const r = [1, 0.4, -0.1, -0.4, -0.4];
    const h = bartlettHalfWidths(r, 5);
    // var = [0, 1/5, (1 + 2·0.16)/5, (1 + 2·(0.16+0.01))/5, (1 + 2·(0.16+0.01+0.16))/5]
    const expected = [0, 0.2, 1.32 / 5, 1.34 / 5, 1.66 / 5].map((v) => Z_99 * Math.sqrt(v));
    expected.forEach((x, k) => expect(h[k]).toBeCloseTo(x, 12));
    // numerically (numpy re-implementation of statsmodels' acf(alpha=0.01) confint − acf):
    expect(h[1]).toBeCloseTo(1.15194588, 7);
    expect(h[4]).toBeCloseTo(1.48417845, 7);
  });
});

describe("firstLagInsideBand", () => {
  it("finds the first lag k ≥ 1 inside the band, by |acf| or by acf alone", () => {
    const r = [1, 0.9, -0.5, 0.1];
    const h = [0, 0.3, 0.4, 0.45];
    expect(firstLagInsideBand(r, h, "inside")).toBe(3); // |−0.5| ≥ 0.4 at lag 2
    expect(firstLagInsideBand(r, h, "below-upper")).toBe(2); // −0.5 < 0.4
    expect(firstLagInsideBand([1, 0.9], [0, 0.3])).toBeNull();
    expect(firstLagInsideBand([NaN, NaN], [0, 0.3])).toBeNull();
  });
});

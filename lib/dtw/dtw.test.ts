import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { createDtwScratch, dtwDistance } from "./dtw";
import { dtwDistanceNaive } from "./dtw-naive";
import { DtwError } from "./types";

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

function randomSeries(rng: ReturnType<typeof createRng>, length: number): Float32Array {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.normal() + (rng.next() < 0.1 ? 4 * rng.next() : 0);
  return x;
}

/** dtaidistance's `distance` loop, transcribed: row i of s1 uses columns [jStart, jEnd). */
function dtaidistanceReference(s1: Float32Array, s2: Float32Array, window?: number): number {
  const r = s1.length;
  const c = s2.length;
  const w = window === undefined || window === 0 ? Math.max(r, c) : window;
  const D = Array.from({ length: r + 1 }, () => new Array<number>(c + 1).fill(Infinity));
  D[0]![0] = 0;
  for (let i = 0; i < r; i++) {
    const jStart = Math.max(0, i - Math.max(0, r - c) - w + 1);
    const jEnd = Math.min(c, i + Math.max(0, c - r) + w);
    for (let j = jStart; j < jEnd; j++) {
      const d = (s1[i]! - s2[j]!) ** 2;
      D[i + 1]![j + 1] = d + Math.min(D[i]![j]!, D[i]![j + 1]!, D[i + 1]![j]!);
    }
  }
  return Math.sqrt(D[r]![c]!);
}

describe("dtwDistance on hand-computed cases", () => {
  it("absorbs a repeated point: [1,2,3] vs [1,2,2,3] is 0", () => {
    // cost (a_i − b_j)²   accumulated D
    //      1  2  2  3          1  2  2  3
    // 1 [  0  1  1  4 ]   1 [  0  1  2  6 ]
    // 2 [  1  0  0  1 ]   2 [  1  0  0  1 ]
    // 3 [  4  1  1  0 ]   3 [  5  1  1  0 ]  → √0 = 0
    expect(dtwDistance(f64([1, 2, 3]), f64([1, 2, 2, 3]))).toBe(0);
    expect(dtwDistanceNaive(f64([1, 2, 3]), f64([1, 2, 2, 3]))).toBe(0);
  });

  it("[0,1,2] vs [1,2,3] is √2 unconstrained and √3 (Euclidean) with window 1", () => {
    // cost            D (no window)
    //     1  2  3         1  2  3
    // 0 [ 1  4  9 ]   0 [ 1  5 14 ]
    // 1 [ 0  1  4 ]   1 [ 1  2  6 ]
    // 2 [ 1  0  1 ]   2 [ 2  1  2 ]  → √2 (path (0,0) (1,0) (2,1) (2,2))
    // window 1 keeps only the diagonal: 1 + 1 + 1 = 3 → √3
    expect(dtwDistance(f64([0, 1, 2]), f64([1, 2, 3]))).toBe(Math.SQRT2);
    expect(dtwDistance(f64([0, 1, 2]), f64([1, 2, 3]), { window: 1 })).toBe(Math.sqrt(3));
    // window 2 (|i − j| ≤ 1) still holds the optimal path
    expect(dtwDistance(f64([0, 1, 2]), f64([1, 2, 3]), { window: 2 })).toBe(Math.SQRT2);
  });

  it("[0,0,1] vs [1,0,0] is √2", () => {
    // cost            D
    //     1  0  0         1  0  0
    // 0 [ 1  0  0 ]   0 [ 1  1  1 ]
    // 0 [ 1  0  0 ]   0 [ 2  1  1 ]
    // 1 [ 0  1  1 ]   1 [ 2  2  2 ]  → √2
    expect(dtwDistance(f64([0, 0, 1]), f64([1, 0, 0]))).toBe(Math.SQRT2);
  });

  it("handles a single point against a longer series: [0] vs [1,2] is √5", () => {
    // D = [ 1  5 ] → √5
    expect(dtwDistance(f64([0]), f64([1, 2]))).toBe(Math.sqrt(5));
    expect(dtwDistance(f64([3]), f64([3]))).toBe(0);
  });
});

describe("dtwDistance against the full matrix", () => {
  it("is bit-identical to the naive DP and symmetric on random inputs of random lengths", () => {
    const rng = createRng(1);
    for (let t = 0; t < 400; t++) {
      const a = randomSeries(rng, 1 + rng.int(40));
      const b = randomSeries(rng, 1 + rng.int(40));
      const d = dtwDistance(a, b);
      expect(d).toBe(dtwDistanceNaive(a, b));
      expect(dtwDistance(b, a)).toBe(d);
    }
  });

  it("follows dtaidistance's window semantics (band widened by the length difference)", () => {
    const rng = createRng(2);
    for (let t = 0; t < 400; t++) {
      const a = randomSeries(rng, 1 + rng.int(30));
      const b = randomSeries(rng, 1 + rng.int(30));
      const window = rng.int(10);
      const d = dtwDistance(a, b, { window });
      expect(d).toBe(dtaidistanceReference(a, b, window));
      expect(d).toBe(dtwDistanceNaive(a, b, { window }));
      expect(dtwDistance(b, a, { window })).toBe(d);
      expect(d).toBeGreaterThanOrEqual(dtwDistance(a, b)); // a band only removes paths
    }
  });

  it("gives the same result with a reused (and grown) scratch buffer", () => {
    const rng = createRng(3);
    const scratch = createDtwScratch(4);
    for (let t = 0; t < 50; t++) {
      const a = randomSeries(rng, 1 + rng.int(60));
      const b = randomSeries(rng, 1 + rng.int(60));
      expect(dtwDistance(a, b, { scratch })).toBe(dtwDistance(a, b));
    }
    expect(scratch.cells).toBeGreaterThan(0);
  });
});

describe("early abandoning", () => {
  it("returns the exact distance when it is ≤ upperBound and Infinity only when it is above", () => {
    const rng = createRng(4);
    for (let t = 0; t < 400; t++) {
      const a = randomSeries(rng, 1 + rng.int(40));
      const b = randomSeries(rng, 1 + rng.int(40));
      const window = rng.next() < 0.5 ? undefined : 1 + rng.int(8);
      const exact = dtwDistance(a, b, { window });
      const upperBound = exact * (0.2 + 1.6 * rng.next());
      const got = dtwDistance(a, b, { window, upperBound });
      if (upperBound >= exact) expect(got).toBe(exact);
      else expect(got === Infinity || got === exact).toBe(true);
      expect(dtwDistance(a, b, { window, upperBound: exact })).toBe(exact);
    }
  });

  it("abandons clearly distant series", () => {
    const a = new Float64Array(50).fill(0);
    const b = new Float64Array(50).fill(10);
    expect(dtwDistance(a, b)).toBeCloseTo(Math.sqrt(50 * 100));
    expect(dtwDistance(a, b, { upperBound: 5 })).toBe(Infinity);
    const scratch = createDtwScratch(50);
    dtwDistance(a, b, { upperBound: 5, scratch });
    expect(scratch.cells).toBeLessThan(50 * 50); // stopped early
  });
});

describe("errors", () => {
  it("rejects empty series, bad windows and bad bounds with typed codes", () => {
    const x = f64([1, 2]);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof DtwError ? e.code : "other";
      }
      return undefined;
    };
    expect(code(() => dtwDistance(new Float64Array(0), x))).toBe("empty-series");
    expect(code(() => dtwDistanceNaive(x, new Float64Array(0)))).toBe("empty-series");
    expect(code(() => dtwDistance(x, x, { window: -1 }))).toBe("invalid-window");
    expect(code(() => dtwDistance(x, x, { window: 1.5 }))).toBe("invalid-window");
    expect(code(() => dtwDistance(x, x, { upperBound: -1 }))).toBe("invalid-upper-bound");
  });
});

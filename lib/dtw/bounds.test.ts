import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../rng";
import { dtwLowerBound, keoghEnvelope, lbKeogh, lbKim, lbRange, seriesRange, upperBoundPath } from "./bounds";
import { corridorUpperBound } from "./coarse";
import { dtwDistance } from "./dtw";

/** Noise with occasional bumps, so that bounds are exercised on anomaly-score-like shapes. */
function scoreLike(rng: Rng, length: number): Float32Array {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = 1 + 0.3 * rng.normal();
  if (rng.next() < 0.5) {
    const c = rng.int(length);
    const h = 2 + 8 * rng.next();
    for (let i = 0; i < length; i++) x[i] = x[i]! + h * Math.exp(-0.5 * ((i - c) / 3) ** 2);
  }
  return x;
}

const TRIALS = 600;

describe("lower bounds", () => {
  it("LB_Kim, LB_Keogh/LB_Yi (both ways) and their max never exceed DTW", () => {
    const rng = createRng(10);
    for (let t = 0; t < TRIALS; t++) {
      const a = scoreLike(rng, 1 + rng.int(48));
      const b = scoreLike(rng, 1 + rng.int(48));
      const d = dtwDistance(a, b);
      const rb = seriesRange(b);
      expect(lbKim(a, b)).toBeLessThanOrEqual(d);
      expect(lbRange(a, rb.min, rb.max)).toBeLessThanOrEqual(d);
      expect(lbKeogh(a, keoghEnvelope(b, a.length))).toBeLessThanOrEqual(d);
      expect(dtwLowerBound(a, b)).toBeLessThanOrEqual(d);
    }
  });

  it("LB_Keogh with a band's envelope never exceeds the banded DTW", () => {
    const rng = createRng(11);
    for (let t = 0; t < TRIALS; t++) {
      const a = scoreLike(rng, 1 + rng.int(48));
      const b = scoreLike(rng, 1 + rng.int(48));
      const window = 1 + rng.int(10);
      const d = dtwDistance(a, b, { window });
      expect(lbKeogh(a, keoghEnvelope(b, a.length, window))).toBeLessThanOrEqual(d);
      expect(lbKeogh(b, keoghEnvelope(a, b.length, window))).toBeLessThanOrEqual(d);
      expect(dtwLowerBound(a, b, window)).toBeLessThanOrEqual(d);
    }
  });

  it("builds the band envelope as the min/max over each row's allowed columns", () => {
    const rng = createRng(12);
    const b = scoreLike(rng, 30);
    const n = 23;
    const window = 4;
    const env = keoghEnvelope(b, n, window);
    for (let i = 0; i < n; i++) {
      const lo = Math.max(0, i - Math.max(0, n - b.length) - window + 1);
      const hi = Math.min(b.length, i + Math.max(0, b.length - n) + window);
      const slice = Array.from(b.subarray(lo, hi));
      expect(env.lower[i]).toBe(Math.min(...slice));
      expect(env.upper[i]).toBe(Math.max(...slice));
    }
  });
});

describe("upper bounds", () => {
  it("the straight path bounds DTW, banded or not, and is the Euclidean distance on equal lengths", () => {
    const rng = createRng(13);
    for (let t = 0; t < TRIALS; t++) {
      const a = scoreLike(rng, 1 + rng.int(48));
      const b = scoreLike(rng, 1 + rng.int(48));
      const ub = upperBoundPath(a, b);
      expect(ub).toBeGreaterThanOrEqual(dtwDistance(a, b));
      expect(ub).toBeGreaterThanOrEqual(dtwDistance(a, b, { window: 1 + rng.int(6) }));
      expect(upperBoundPath(b, a)).toBe(ub);
    }
    const a = Float64Array.from([0, 1, 2]);
    const b = Float64Array.from([1, 1, 4]);
    expect(upperBoundPath(a, b)).toBe(Math.sqrt(1 + 0 + 4));
    expect(upperBoundPath(a, b)).toBe(dtwDistance(a, b, { window: 1 }));
  });

  it("the coarse-path corridor bounds DTW from above and is tight on shifted bumps", () => {
    const rng = createRng(14);
    for (let t = 0; t < TRIALS; t++) {
      const a = scoreLike(rng, 1 + rng.int(80));
      const b = scoreLike(rng, 1 + rng.int(80));
      const factor = 1 + rng.int(8);
      const radius = rng.int(3);
      expect(corridorUpperBound(a, b, { factor, radius })).toBeGreaterThanOrEqual(dtwDistance(a, b));
    }
    // The same bump at two places: Euclidean sees two bumps, DTW (and the corridor) align them.
    const shifted = (at: number): Float64Array => Float64Array.from({ length: 128 }, (_, i) => 5 * Math.exp(-0.5 * ((i - at) / 4) ** 2));
    const [p, q] = [shifted(30), shifted(90)];
    const exact = dtwDistance(p, q);
    expect(corridorUpperBound(p, q)).toBeLessThan(exact + 0.25 * (upperBoundPath(p, q) - exact));
  });
});

import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../rng";
import { bandSpan, resolveBand } from "./band";
import { corridorSpan, paa, warpingPath } from "./coarse";
import { createDtwScratch, dtwSquaredInSpanJs } from "./dtw-js";
import { wasmDtwKernel } from "./dtw-wasm";
import { dtwSquared } from "./dtw";
import type { Series } from "./types";

function randomSeries(rng: Rng, length: number, f64: boolean): Series {
  const x = f64 ? new Float64Array(length) : new Float32Array(length);
  let ar = 0;
  for (let i = 0; i < length; i++) {
    ar = 0.8 * ar + rng.normal();
    x[i] = ar + (rng.next() < 0.1 ? 4 * rng.next() : 0);
  }
  return x;
}

const kernel = wasmDtwKernel();

/** Runs both kernels on the same input; the squared results and the cells computed must agree exactly. */
function both(run: (scratch: ReturnType<typeof createDtwScratch>, js: boolean) => number): { js: number; wasm: number } {
  const sJs = createDtwScratch(1);
  const sWasm = createDtwScratch(1);
  const js = run(sJs, true);
  const wasm = run(sWasm, false);
  expect(Object.is(wasm, js) || (Number.isNaN(wasm) && Number.isNaN(js))).toBe(true);
  expect(sWasm.cells).toBe(sJs.cells);
  return { js, wasm };
}

describe("the WebAssembly DTW kernel", () => {
  it("compiles here (Node has WebAssembly SIMD)", () => {
    expect(kernel).not.toBeNull();
  });

  it("equals the JavaScript kernel bit for bit on random pairs of random, unequal lengths, with and without a band", () => {
    const rng = createRng(11);
    for (let t = 0; t < 600; t++) {
      const f64 = rng.next() < 0.3;
      const a = randomSeries(rng, 1 + rng.int(t < 500 ? 50 : 400), f64);
      const b = randomSeries(rng, 1 + rng.int(t < 500 ? 50 : 400), f64);
      const window = rng.next() < 0.5 ? undefined : rng.int(12);
      const band = resolveBand(a.length, b.length, window);
      const span = bandSpan(a.length, b.length, window);
      both((s, js) => (js ? dtwSquaredInSpanJs(a, b, span, Infinity, s) : kernel!.band(a, b, band, Infinity, s)));
    }
  });

  it("makes the same early-abandoning decisions: same result, same cells computed, for thresholds around the distance", () => {
    const rng = createRng(12);
    let abandoned = 0;
    let kept = 0;
    for (let t = 0; t < 600; t++) {
      const a = randomSeries(rng, 1 + rng.int(60), false);
      const b = randomSeries(rng, 1 + rng.int(60), false);
      const window = rng.next() < 0.5 ? undefined : 1 + rng.int(10);
      const band = resolveBand(a.length, b.length, window);
      const span = bandSpan(a.length, b.length, window);
      const exact = dtwSquaredInSpanJs(a, b, span, Infinity);
      for (const threshold of [exact, exact * (0.05 + 1.9 * rng.next()), exact * 0.5, exact * (1 - 1e-15), 0]) {
        const { js } = both((s, isJs) => (isJs ? dtwSquaredInSpanJs(a, b, span, threshold, s) : kernel!.band(a, b, band, threshold, s)));
        if (js === Infinity) abandoned++;
        else kept++;
      }
    }
    expect(abandoned).toBeGreaterThan(100);
    expect(kept).toBeGreaterThan(100);
  });

  it("equals the JavaScript kernel inside a coarse corridor (an arbitrary row span)", () => {
    const rng = createRng(13);
    for (let t = 0; t < 200; t++) {
      const a = randomSeries(rng, 8 + rng.int(200), false);
      const b = randomSeries(rng, 8 + rng.int(200), false);
      const factor = 2 + rng.int(7);
      const span = corridorSpan(warpingPath(paa(a, factor), paa(b, factor)), a.length, b.length, factor, rng.int(3));
      const exact = dtwSquaredInSpanJs(a, b, span, Infinity);
      for (const threshold of [Infinity, exact * (0.5 + rng.next())]) {
        both((s, js) => (js ? dtwSquaredInSpanJs(a, b, span, threshold, s) : kernel!.span(a, b, span, threshold, s)));
      }
    }
  });

  it("follows the JavaScript kernel on NaN, ±Infinity, ±0 and huge values", () => {
    const specials = [NaN, Infinity, -Infinity, 0, -0, 1e300, -1e300, 1e-320];
    const rng = createRng(14);
    for (let t = 0; t < 300; t++) {
      const a = randomSeries(rng, 1 + rng.int(12), true);
      const b = randomSeries(rng, 1 + rng.int(12), true);
      for (const x of [a, b]) if (rng.next() < 0.7) x[rng.int(x.length)] = specials[rng.int(specials.length)]!;
      const window = rng.next() < 0.5 ? undefined : 1 + rng.int(4);
      const band = resolveBand(a.length, b.length, window);
      const span = bandSpan(a.length, b.length, window);
      const threshold = rng.next() < 0.5 ? Infinity : 10 * rng.next();
      both((s, js) => (js ? dtwSquaredInSpanJs(a, b, span, threshold, s) : kernel!.band(a, b, band, threshold, s)));
    }
  });

  it("grows its memory for long series and stays correct afterwards", () => {
    const rng = createRng(15);
    const long = randomSeries(rng, 6000, false); // needs more than the first 64 KiB page
    const short = randomSeries(rng, 300, false);
    const span = bandSpan(long.length, short.length, 50);
    both((s, js) => (js ? dtwSquaredInSpanJs(long, short, span, Infinity, s) : kernel!.span(long, short, span, Infinity, s)));
    const a = randomSeries(rng, 40, false);
    const b = randomSeries(rng, 33, false);
    expect(dtwSquared(a, b, undefined, Infinity)).toBe(dtwSquaredInSpanJs(a, b, bandSpan(40, 33, undefined), Infinity));
  });
});

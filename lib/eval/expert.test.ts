import { describe, expect, it } from "vitest";
import { createExpert, expertDraw, truthOf, type Truth } from "./expert";

const normal: Truth = { anomalous: false, onset: null };
const anomaly: Truth = { anomalous: true, onset: 5 };
const flat = new Float32Array([1, 1, 1, 9, 1, 1, 1, 1]);
const keys = Array.from({ length: 20_000 }, (_, i) => `seq-${i}:0-100`);

describe("truthOf", () => {
  it("reads anomalous and the onset from the first labelled step", () => {
    expect(truthOf(Uint8Array.from([0, 0, 1, 1]))).toEqual({ anomalous: true, onset: 2 });
    expect(truthOf(Uint8Array.from([0, 0]))).toEqual(normal);
    expect(truthOf(undefined)).toEqual(normal);
  });
});

describe("simulated expert", () => {
  it.each([0.05, 0.1, 0.2, 0.3, 0.5])("mislabels at rate %f within tolerance over many draws", (p) => {
    const expert = createExpert(7, p);
    const wrong = keys.filter((k, i) => expert.answer(k, i % 2 ? anomaly : normal, flat, 5).mislabelled).length;
    // Binomial std at n = 20,000 is ≤ 0.0036; allow 4 std.
    expect(Math.abs(wrong / keys.length - p)).toBeLessThan(0.015);
  });

  it("never errs at 0 and always errs at 1", () => {
    expect(keys.slice(0, 500).some((k) => createExpert(3, 0).answer(k, anomaly, flat, 5).mislabelled)).toBe(false);
    expect(keys.slice(0, 500).every((k) => createExpert(3, 1).answer(k, anomaly, flat, 5).mislabelled)).toBe(true);
  });

  it("answers truthfully with the true onset", () => {
    const expert = createExpert(1, 0);
    expect(expert.answer("a", anomaly, flat, 5)).toEqual({ anomalous: true, onset: 5, mislabelled: false });
    expect(expert.answer("b", normal, flat, 5)).toEqual({ anomalous: false, onset: null, mislabelled: false });
  });

  it("flips the label and loses the onset when it errs", () => {
    const expert = createExpert(1, 1);
    expect(expert.answer("a", anomaly, flat, 5)).toEqual({ anomalous: false, onset: null, mislabelled: true });
    // A normal sequence called anomalous takes the onset the page offers: first step ≥ threshold …
    expect(expert.answer("b", normal, flat, 5)).toEqual({ anomalous: true, onset: 3, mislabelled: true });
    // … or the highest score when nothing reaches it.
    expect(expert.answer("b", normal, flat, 50).onset).toBe(3);
  });

  it("is deterministic per (seed, key) and couples the rates (wrong at p ⇒ wrong at every p' > p)", () => {
    for (const k of keys.slice(0, 2000)) {
      const low = createExpert(9, 0.1).answer(k, normal, flat, 5).mislabelled;
      const high = createExpert(9, 0.3).answer(k, normal, flat, 5).mislabelled;
      if (low) expect(high).toBe(true);
    }
    expect(expertDraw(9, "x")).toBe(expertDraw(9, "x"));
    expect(expertDraw(9, "x")).not.toBe(expertDraw(10, "x"));
  });

  it("draws independently across seeds (about p² of keys are wrong under two seeds)", () => {
    const both = keys.filter((k) => expertDraw(1, k) < 0.3 && expertDraw(2, k) < 0.3).length / keys.length;
    expect(Math.abs(both - 0.09)).toBeLessThan(0.015);
  });

  it("rejects a probability outside [0, 1]", () => {
    expect(() => createExpert(1, 1.5)).toThrow(RangeError);
    expect(() => createExpert(1, Number.NaN)).toThrow(RangeError);
  });
});

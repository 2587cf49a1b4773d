import { describe, expect, it } from "vitest";
import { DistanceCache } from "../query";
import { createRng } from "../rng";
import type { Truth } from "./expert";
import { baselineOutcomes, outcomeWithLabels, simulateRun, simulateRunDetailed, type RunSpec, type StageInput } from "./simulate";

/** Score series: noise around 1; an anomalous one jumps to 6 + noise from its onset on. */
function series(seed: number, length: number, onset: number | null, peak = 6): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, (_, i) => 1 + 0.2 * rng.next() + (onset !== null && i >= onset ? peak : 0));
}

function stage(poolSize: number, fraction = 1): StageInput {
  const truth = new Map<string, Truth>();
  const pool = Array.from({ length: poolSize }, (_, i) => {
    const onset = i % 4 === 1 ? 30 : null;
    const key = `s${i}:0-60`;
    truth.set(key, { anomalous: onset !== null, onset });
    return { key, scores: series(i, 60, onset) };
  });
  const test = Array.from({ length: 12 }, (_, i) => {
    const onset = i % 3 === 0 ? 20 : null;
    // The refined threshold is the lowest labelled anomalous peak above every normal one: test peaks sit above it.
    return onset === null
      ? { scores: series(100 + i, 60, null), anomalous: false }
      : { scores: series(100 + i, 60, onset, 8), anomalous: true, onset };
  });
  // The validation split holds one anomalous sequence with a high peak: the unsupervised threshold misses everything.
  const validation = [series(200, 60, null), series(201, 60, 10, 20)];
  return { fraction, pool, labelledAll: pool, truth, validation, test, distance: new DistanceCache() };
}

const spec = (over: Partial<RunSpec> = {}): RunSpec => ({
  strategy: "top",
  budget: 3,
  mislabel: 0,
  seed: 1,
  fold: 0,
  samplingRate: 2,
  ...over,
});

describe("simulateRun", () => {
  it("refines the threshold from the labels and beats the unsupervised one", () => {
    const s = stage(16);
    const { unsupervised, best } = baselineOutcomes(s, 2);
    expect(unsupervised.f1).toBe(0);
    expect(best.f1).toBe(1);
    const [out] = simulateRun([s], spec());
    expect(out?.refined).toBe(true);
    expect(out?.f1).toBe(1);
    expect(out?.labels).toBe(3);
    expect(out?.delay).toBe(0);
  });

  it("fits the oracle on the test truth: it bounds every run, and beats best where test anomalies are weaker than the labelled ones", () => {
    const s = stage(16);
    expect(baselineOutcomes(s, 2).oracle.f1).toBe(1);
    // Test anomalies rise by 3 only: placed at the upper edge, the labelled ones (peak 6) put "best" above all of them.
    const weaker = { ...s, test: s.test.map((c, i) => (c.anomalous ? { ...c, scores: series(100 + i, 60, c.onset ?? 0, 3) } : c)) };
    const upper = { protocol: "ours" as const, placement: "upper" as const, window: 16 };
    const { best, oracle } = baselineOutcomes(weaker, 2, upper);
    expect(best.f1).toBe(0);
    expect(oracle.f1).toBe(1);
    expect(oracle.threshold).toBeLessThan(best.threshold);
    // The default placement keeps a margin below the weakest labelled anomaly, and catches them.
    expect(baselineOutcomes(weaker, 2).best.f1).toBe(1);
    for (const strategy of ["dqs", "random", "top", "uncertain", "score-kmeans"] as const) {
      for (const mislabel of [0, 0.3]) {
        const [out] = simulateRun([weaker], spec({ strategy, mislabel, budget: 6 }));
        expect(out?.f1).toBeLessThanOrEqual(oracle.f1);
      }
    }
  });

  it("keeps the unsupervised threshold while no label is anomalous", () => {
    const s = stage(16);
    const normalsOnly = { ...s, pool: s.pool.filter((c) => !s.truth.get(c.key)?.anomalous) };
    const [out] = simulateRun([normalsOnly], spec({ strategy: "random", budget: 5 }));
    expect(out?.refined).toBe(false);
    expect(out?.threshold).toBe(baselineOutcomes(s, 2).unsupervised.threshold);
  });

  it("carries labels across stages, buys the budget per stage and stops when the pool runs out", () => {
    const stages = [stage(4, 0.25), stage(8, 0.5), stage(16, 1)];
    expect(simulateRun(stages, spec({ strategy: "dqs", budget: 3 })).map((o) => o.labels)).toEqual([3, 6, 9]);
    expect(simulateRun(stages, spec({ strategy: "random", budget: 5 })).map((o) => o.labels)).toEqual([4, 8, 13]);
  });

  it("is reproducible for a seed, for every strategy", () => {
    for (const strategy of ["dqs", "random", "top", "uncertain", "score-kmeans"] as const) {
      const a = simulateRun([stage(8, 0.5), stage(16)], spec({ strategy, mislabel: 0.3 }));
      const b = simulateRun([stage(8, 0.5), stage(16)], spec({ strategy, mislabel: 0.3 }));
      expect(a).toEqual(b);
    }
  });

  it("suffers from an expert who always errs", () => {
    const [wrong] = simulateRun([stage(16)], spec({ mislabel: 1 }));
    expect(wrong?.f1).toBeLessThan(1);
  });
});

describe("the reference protocol", () => {
  const reference = { protocol: "reference" as const, placement: "margin" as const, window: 4 };

  it("falls back to the lowest labelled score when labels exist but no threshold reaches F1 > 0", () => {
    const s = stage(16);
    const normalsOnly = { ...s, pool: s.pool.filter((c) => !s.truth.get(c.key)?.anomalous) };
    const [out] = simulateRun([normalsOnly], spec({ strategy: "random", budget: 5, evaluation: reference }));
    expect(out?.refined).toBe(false);
    // Every normal pool series lies in [1, 1.2): its lowest labelled score alarms on the whole test split.
    expect(out?.threshold).toBeGreaterThanOrEqual(1);
    expect(out?.threshold).toBeLessThan(1.2);
    expect(out?.recall).toBe(0); // every anomalous test sequence alarms before its onset (premature)
  });

  it("places the refined threshold where the reference's grid lands: at the lower end of the interval", () => {
    const s = stage(16);
    const [ours] = simulateRun([s], spec({ evaluation: { ...reference, protocol: "ours", placement: "upper" } }));
    const [ref] = simulateRun([s], spec({ evaluation: reference }));
    expect(ref?.refined).toBe(true);
    expect(ref?.threshold).toBeLessThan(ours?.threshold ?? 0);
    expect(ref?.threshold).toBeGreaterThan(1.19); // above every normal peak (the interval's lower end)
  });

  it("keeps the scores a label was bought on across stages", () => {
    // Stage 2 rescales every score ×10: ours re-reads the labels on the new scores, the reference keeps the old ones.
    const first = stage(16, 0.5);
    const scaled = (c: { key: string; scores: Float32Array }) => ({ ...c, scores: c.scores.map((v) => v * 10) });
    const pool2 = first.pool.map(scaled);
    const second: StageInput = {
      ...first,
      fraction: 1,
      pool: pool2,
      labelledAll: pool2,
      validation: first.validation.map((v) => v.map((x) => x * 10)),
      test: first.test.map((c) => ({ ...c, scores: c.scores.map((v) => v * 10) })),
    };
    const ours = simulateRun([first, second], spec({ budget: 3 }));
    const ref = simulateRun([first, second], spec({ budget: 3, evaluation: reference }));
    expect(ours[1]?.threshold).toBeGreaterThan(10);
    expect(ref[1]?.threshold).toBeLessThan(10);
  });

  it("records each stage's labels and the pool's contamination; outcomeWithLabels reads the same labels to the same outcome", () => {
    const s = stage(16); // 4 of 16 anomalous (i % 4 = 1)
    const [run] = simulateRunDetailed([s], spec({ strategy: "random", budget: 6 }));
    expect(run!.labels).toHaveLength(6);
    expect(run!.labels.every((l) => l.anomalous === (s.truth.get(l.key)?.anomalous ?? null))).toBe(true);
    expect(run!.truthAlpha).toBe(0.25);
    // random draws uniformly: Raj's terms are (anomalies so far) + y·(open units).
    expect(run!.contamination.random).toBe(6);
    expect(run!.contamination.naive).toBeCloseTo(run!.labels.filter((l) => l.anomalous).length / 6, 12);
    expect(outcomeWithLabels(s, run!.labels, { samplingRate: 2 })).toEqual(run!.outcome);
    // top is deterministic: no estimate, the labelled fraction only.
    const [top] = simulateRunDetailed([s], spec());
    expect(top!.contamination.estimate).toBeNull();
    expect(top!.contamination.naive).toBe(1);
  });
});

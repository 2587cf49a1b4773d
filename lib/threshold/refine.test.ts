import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../rng";
import { compareF1, f1Ratio, type F1Ratio } from "./metrics";
import { evaluateOnline, tallyOnline } from "./online-evaluation";
import { percentileGridThreshold } from "./percentile-grid";
import { refineThreshold } from "./refine";
import { syntheticCandidates } from "./synthetic";
import type { LabelledCandidate } from "./types";

const f64 = (...xs: number[]) => Float64Array.from(xs);
const anomalous = (onset: number, ...xs: number[]): LabelledCandidate => ({ scores: f64(...xs), anomalous: true, onset });
const normal = (...xs: number[]): LabelledCandidate => ({ scores: f64(...xs), anomalous: false });

describe("refineThreshold, known answers", () => {
  it("finds the best F1 of a mixed set, worked on paper", () => {
    const candidates = [
      anomalous(3, 1, 1, 1, 5, 1, 1), //   before onset max 1, from onset max 5
      anomalous(2, 1, 1, 1, 1, 6, 1), //   1 | 6
      anomalous(4, 1, 7, 1, 1, 9, 1), //   7 | 9
      anomalous(1, 1, 2, 3, 4, 4.9, 1), // 1 | 4.9
      normal(1, 2, 1, 2, 1, 2), //         max 2
      normal(1, 1, 5.5, 1, 1, 1), //       max 5.5
    ];
    // Sweeping t downwards (tp, fp, fn → F1 = 2tp / (2tp + fp + fn)):
    // t ≤ 9: (1,0,3) 2/5 · ≤ 7: (0,1,3) 0 · ≤ 6: (1,1,2) 2/5 · ≤ 5.5: (1,2,2) 1/3 · ≤ 5: (2,2,1) 4/7
    // t ≤ 4.9: (3,2,0) 3/4 ← best, for every t in (2, 4.9] · ≤ 2: (3,3,0) 2/3 · ≤ 1: (0,6,0) 0
    const r = refineThreshold(candidates, { samplingRate: 2 });
    expect(r).toMatchObject({ threshold: 4.9, lowerBound: 2, f1: 0.75, precision: 0.6, recall: 1 });
    expect(r?.evaluation).toMatchObject({ tp: 3, fp: 2, fn: 0, tn: 1, prematureAlarms: 1, delays: [0, 1, 1.5] });
  });

  it("breaks ties like the reference's grid: the lowest interval with the best F1", () => {
    // t ≤ 4: (1,0,1) 2/3 · ≤ 3: (1,1,1) 1/2 · ≤ 2.5: (1,2,1) 2/5 · ≤ 2: (2,2,0) 2/3 → tie, keep t = 2
    const candidates = [anomalous(0, 4), normal(3), normal(2.5), anomalous(0, 2)];
    expect(refineThreshold(candidates)).toMatchObject({ threshold: 2, lowerBound: -Infinity, f1: 2 / 3 });
    expect(percentileGridThreshold(candidates)).toMatchObject({ threshold: 2, percent: 0, f1: 2 / 3 });
  });

  it("returns the lowest decision point when no threshold gives a true positive (F1 = 0 everywhere)", () => {
    const r = refineThreshold([normal(1, 3), normal(2, 0.5)]);
    expect(r).toMatchObject({ threshold: 2, lowerBound: -Infinity, f1: 0 });
  });

  it("returns null without candidates or without any non-NaN score", () => {
    expect(refineThreshold([])).toBeNull();
    expect(refineThreshold([normal(Number.NaN), { scores: f64(), anomalous: true }])).toBeNull();
    expect(percentileGridThreshold([])).toBeNull();
  });

  it("handles an onset past the end (only a premature alarm or a miss is possible)", () => {
    const r = refineThreshold([anomalous(10, 1, 5), anomalous(0, 3)]);
    expect(r).toMatchObject({ threshold: 3, lowerBound: -Infinity, f1: 2 / 3 });
  });
});

/** Max F1 over every distinct score (each threshold acts like the smallest score ≥ it), lowest first. */
function bruteForce(candidates: LabelledCandidate[]): { ratio: F1Ratio; lowest: number } {
  const values = new Set<number>();
  for (const c of candidates) for (const s of c.scores) if (!Number.isNaN(s)) values.add(s);
  let best = { ratio: { num: 0, den: 1 }, lowest: Infinity };
  for (const v of [...values].sort((a, b) => a - b)) {
    const { tp, fp, fn } = tallyOnline(candidates, v);
    const ratio = f1Ratio(tp, fp, fn);
    if (compareF1(ratio, best.ratio) > 0 || best.lowest === Infinity) best = { ratio, lowest: v };
  }
  return best;
}

function randomCase(rng: Rng): LabelledCandidate[] {
  const candidates = syntheticCandidates(rng, {
    count: 1 + rng.int(14),
    minLength: 20,
    maxLength: 300,
    anomalousShare: 0.1 + 0.8 * rng.next(),
    spikeRate: 0.02 * rng.next(),
    float32: rng.next() < 0.5,
    ...(rng.next() < 0.35 ? { tieStep: 0.25 } : {}),
  });
  for (const c of candidates) {
    if (c.anomalous && rng.next() < 0.05) delete c.onset;
    if (rng.next() < 0.05) c.scores[rng.int(c.scores.length)] = Number.NaN;
  }
  return candidates;
}

describe("refineThreshold against the 10,001-percentile grid and a brute-force search", () => {
  it("reaches the exact optimum, never below the grid, with the grid's tie-break", () => {
    const rng = createRng(20_240_607);
    const cases = 300;
    let strictlyBetter = 0;
    let sameInterval = 0;
    for (let k = 0; k < cases; k++) {
      const candidates = randomCase(rng);
      const exact = refineThreshold(candidates, { samplingRate: 2 });
      const grid = percentileGridThreshold(candidates, { samplingRate: 2 });
      const brute = bruteForce(candidates);
      if (exact === null || grid === null) throw new Error("every random case has scores");

      // The F1 reported is the F1 of the threshold returned.
      expect(evaluateOnline(candidates, exact.threshold, { samplingRate: 2 }).f1).toBe(exact.f1);
      expect(exact.evaluation).toEqual(evaluateOnline(candidates, exact.threshold, { samplingRate: 2 }));
      // Exact optimum, and the lowest optimal interval (lowerBound, threshold].
      expect(exact.f1).toBe(brute.ratio.num / brute.ratio.den);
      expect(brute.lowest).toBeGreaterThan(exact.lowerBound);
      expect(brute.lowest).toBeLessThanOrEqual(exact.threshold);
      // The grid can only miss optima; when it reaches the same F1 it is never below that interval.
      expect(exact.f1).toBeGreaterThanOrEqual(grid.f1);
      if (exact.f1 > grid.f1) strictlyBetter++;
      else expect(grid.threshold).toBeGreaterThan(exact.lowerBound);
      if (grid.threshold > exact.lowerBound && grid.threshold <= exact.threshold) sameInterval++;
    }
    console.log(
      `refine vs grid on ${cases} random cases: exact strictly better in ${strictlyBetter}, ` +
        `grid in the same threshold interval in ${sameInterval}`,
    );
    expect(strictlyBetter).toBeLessThan(cases * 0.05);
  });

  it("beats or matches the grid when the pool outgrows the grid (> 10,001 scores)", () => {
    // With up to ~4,000 pooled scores above, the grid's step is under one rank, so it visits every
    // interval between scores and always ties. Longer series leave gaps the grid can fall through.
    const rng = createRng(77);
    const cases = 40;
    let strictlyBetter = 0;
    for (let k = 0; k < cases; k++) {
      const candidates = syntheticCandidates(rng, { count: 10 + rng.int(30), minLength: 500, maxLength: 2000, spikeRate: 0.0005 });
      const exact = refineThreshold(candidates);
      const grid = percentileGridThreshold(candidates);
      if (exact === null || grid === null) throw new Error("every random case has scores");
      expect(exact.f1).toBeGreaterThanOrEqual(grid.f1);
      expect(evaluateOnline(candidates, exact.threshold).f1).toBe(exact.f1);
      if (exact.f1 > grid.f1) strictlyBetter++;
    }
    console.log(`large pools: exact strictly better than the grid in ${strictlyBetter} of ${cases} cases`);
  });
});

import { describe, expect, it } from "vitest";
import { extractWindows } from "../preprocess";
import { createRng } from "../rng";
import { batches, gatherWindows, sampleRefs, windowRefs } from "./windows";

const seq = (n: number, offset: number) => [
  Float32Array.from({ length: n }, (_, i) => offset + i),
  Float32Array.from({ length: n }, (_, i) => -(offset + i)),
];

describe("training windows", () => {
  it("uses the training shift (half a window) and skips sequences shorter than a window", () => {
    const refs = windowRefs([seq(10, 0), seq(3, 100), seq(8, 200)], 4, 2);
    expect(refs).toEqual([
      { sequence: 0, start: 0 },
      { sequence: 0, start: 2 },
      { sequence: 0, start: 4 },
      { sequence: 0, start: 6 },
      { sequence: 2, start: 0 },
      { sequence: 2, start: 2 },
      { sequence: 2, start: 4 },
    ]);
  });

  it("gathers windows in extractWindows' [window][step][channel] layout", () => {
    const sequences = [seq(10, 0), seq(8, 200)];
    const out = gatherWindows(
      sequences,
      [
        { sequence: 1, start: 2 },
        { sequence: 0, start: 5 },
      ],
      4,
      2,
    );
    const a = extractWindows(sequences[1] ?? [], [2], 4);
    const b = extractWindows(sequences[0] ?? [], [5], 4);
    expect(Array.from(out)).toEqual([...a, ...b]);
  });

  it("samples a capped subset deterministically, in order", () => {
    const refs = windowRefs([seq(100, 0)], 4, 2);
    const a = sampleRefs(refs, 10, createRng(1));
    expect(a).toHaveLength(10);
    expect(sampleRefs(refs, 10, createRng(1))).toEqual(a);
    expect(a.map((r) => r.start)).toEqual([...a.map((r) => r.start)].sort((x, y) => x - y));
    expect(sampleRefs(refs, 1000, createRng(1))).toEqual(refs);
  });

  it("cuts batches", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

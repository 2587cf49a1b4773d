import { describe, expect, it } from "vitest";
import { downsampleColumns, labelRanges, mergeDetail, roundFloat32, type SeriesPayload } from "./series-data";

function payload(from: number, to: number, channels: SeriesPayload["channels"]): SeriesPayload {
  return { sequenceId: "s", length: 100, samplingRate: 1, from, to, points: 10, downsampled: true, channels };
}

describe("series data", () => {
  it("sends every step when the range is short, LTTB points otherwise", () => {
    const column = Float32Array.from([0, 1, 0, 5, 0, 1, 0]);
    const all = downsampleColumns([column], [{ index: 3, name: "c" }], 100, 10);
    expect(all.downsampled).toBe(false);
    expect(all.channels[0]).toEqual({ index: 3, name: "c", x: [100, 101, 102, 103, 104, 105, 106], y: [0, 1, 0, 5, 0, 1, 0] });
    const few = downsampleColumns([column], [{ index: 3, name: "c" }], 100, 4);
    expect(few.downsampled).toBe(true);
    expect(few.channels[0]?.x).toEqual([100, 102, 103, 106]);
  });

  it("prints float32 values with 7 significant digits", () => {
    expect(roundFloat32(Math.fround(0.1))).toBe(0.1);
    expect(roundFloat32(Math.fround(123456.789))).toBe(123456.8);
  });

  it("finds the runs of 1s in labels", () => {
    expect(labelRanges(Uint8Array.from([0, 1, 1, 0, 1]))).toEqual([
      [1, 3],
      [4, 5],
    ]);
    expect(labelRanges(new Uint8Array(3))).toEqual([]);
  });

  it("puts the detail inside the overview", () => {
    const overview = payload(0, 100, [{ index: 0, name: "a", unit: "V", x: [0, 20, 40, 60, 80, 99], y: [0, 2, 4, 6, 8, 9] }]);
    const detail = payload(30, 50, [{ index: 0, name: "a", x: [30, 35, 49], y: [3, 3.5, 4.9] }]);
    expect(mergeDetail(overview, detail)).toEqual([
      { name: "a", index: 0, unit: "V", x: [0, 20, 30, 35, 49, 60, 80, 99], y: [0, 2, 3, 3.5, 4.9, 6, 8, 9] },
    ]);
    expect(mergeDetail(overview, null)[0]?.x).toEqual([0, 20, 40, 60, 80, 99]);
  });
});

import { describe, expect, it } from "vitest";
import { extractWindows, reverseWindow, scoringStarts, scoringWindowCount, trainingShift, windowCount, windowStarts } from "./windows";
import { errorCode, f32, randomColumns } from "./test-helpers";

describe("windowStarts", () => {
  it("lists the windows that fit entirely", () => {
    expect(windowStarts(10, 4, 1)).toEqual([0, 1, 2, 3, 4, 5, 6]); // 10 − 4 + 1 = 7 windows
    expect(windowStarts(10, 4, 2)).toEqual([0, 2, 4, 6]);
    expect(windowStarts(10, 4, 4)).toEqual([0, 4]); // steps 8 and 9 are left uncovered
    expect(windowStarts(4, 4, 1)).toEqual([0]);
    expect(windowStarts(3, 4, 1)).toEqual([]); // shorter than the window: none
    expect(windowCount(20_000, 256, 1)).toBe(19_745);
  });

  it("halves the window for training and rejects bad sizes", () => {
    expect([1, 2, 7, 64].map(trainingShift)).toEqual([1, 1, 3, 32]);
    expect(errorCode(() => windowStarts(10, 0, 1))).toBe("invalid_window_size");
    expect(errorCode(() => windowStarts(10, 4, 0))).toBe("invalid_shift");
    expect(errorCode(() => trainingShift(2.5))).toBe("invalid_window_size");
  });
});

describe("scoringStarts", () => {
  it("adds the window that ends at the last step when the shift does not land on it", () => {
    expect(scoringStarts(10, 4, 1)).toEqual(windowStarts(10, 4, 1));
    expect(scoringStarts(10, 4, 2)).toEqual([0, 2, 4, 6]);
    expect(scoringStarts(10, 4, 4)).toEqual([0, 4, 6]);
    expect(scoringStarts(10, 4, 3)).toEqual([0, 3, 6]);
    expect(scoringStarts(4, 4, 4)).toEqual([0]);
    expect(scoringStarts(3, 4, 1)).toEqual([]);
  });

  it("covers every step for every shift up to the window size, and counts its windows", () => {
    for (let length = 4; length < 30; length++) {
      for (let shift = 1; shift <= 4; shift++) {
        const starts = scoringStarts(length, 4, shift);
        const covered = new Set(starts.flatMap((s) => [s, s + 1, s + 2, s + 3]));
        expect(covered.size).toBe(length);
        expect(scoringWindowCount(length, 4, shift)).toBe(starts.length);
      }
    }
  });

  it("refuses a shift larger than the window", () => {
    expect(errorCode(() => scoringStarts(10, 4, 5))).toBe("invalid_shift");
    expect(errorCode(() => scoringStarts(10, 4, 0))).toBe("invalid_shift");
  });
});

describe("extractWindows", () => {
  it("lays windows out as [window][step][channel]", () => {
    const columns = [f32([0, 1, 2, 3, 4]), f32([10, 11, 12, 13, 14])];
    expect(extractWindows(columns, [0, 2], 3)).toEqual(f32([0, 10, 1, 11, 2, 12, 2, 12, 3, 13, 4, 14]));
    expect(errorCode(() => extractWindows(columns, [3], 3))).toBe("window_out_of_range");
    expect(errorCode(() => extractWindows(columns, [-1], 3))).toBe("window_out_of_range");
  });
});

describe("reverseWindow", () => {
  it("reproduces the series exactly in every mode when windows carry its own values", () => {
    const columns = randomColumns(50, 3, 9);
    for (const shift of [1, 3, 8]) {
      const starts = windowStarts(50, 8, shift); // shift 8 leaves steps 48 and 49 uncovered (NaN)
      const windows = extractWindows(columns, starts, 8);
      for (const mode of ["mean", "first", "last"] as const) {
        const back = reverseWindow(windows, starts, 50, 8, 3, mode);
        const covered = (starts.at(-1) ?? 0) + 8;
        back.forEach((column, c) => {
          expect(column.subarray(0, covered)).toEqual(columns[c]?.subarray(0, covered));
          expect(Array.from(column.subarray(covered)).every(Number.isNaN)).toBe(true);
        });
      }
    }
  });

  it("differs by mode when each window carries its own value (hand case)", () => {
    // 5 steps, windows of 3 at starts 0, 1, 2; window w holds 10·(w + 1) at every step:
    //   step:      0   1   2   3   4
    //   window 0: 10  10  10
    //   window 1:     20  20  20
    //   window 2:         30  30  30
    const windows = f32([10, 10, 10, 20, 20, 20, 30, 30, 30]);
    const reverse = (mode: "mean" | "first" | "last") => reverseWindow(windows, [0, 1, 2], 5, 3, 1, mode)[0];
    expect(reverse("mean")).toEqual(f32([10, 15, 20, 25, 30]));
    expect(reverse("first")).toEqual(f32([10, 10, 10, 20, 30]));
    expect(reverse("last")).toEqual(f32([10, 20, 30, 30, 30]));
    // the same windows given in another order: "earliest" and "latest" go by start, not by position
    const shuffled = f32([30, 30, 30, 10, 10, 10, 20, 20, 20]);
    expect(reverseWindow(shuffled, [2, 0, 1], 5, 3, 1, "first")[0]).toEqual(f32([10, 10, 10, 20, 30]));
    expect(reverseWindow(shuffled, [2, 0, 1], 5, 3, 1, "last")[0]).toEqual(f32([10, 20, 30, 30, 30]));
    expect(reverseWindow(shuffled, [2, 0, 1], 5, 3, 1, "mean")[0]).toEqual(f32([10, 15, 20, 25, 30]));
  });

  it("leaves steps covered by no window as NaN, per channel", () => {
    const windows = f32([1, -1, 2, -2, 3, -3, 4, -4]); // 2 windows × 2 steps × 2 channels
    const [a, b] = reverseWindow(windows, [0, 3], 6, 2, 2, "mean");
    expect(Array.from(a ?? [])).toEqual([1, 2, NaN, 3, 4, NaN]);
    expect(Array.from(b ?? [])).toEqual([-1, -2, NaN, -3, -4, NaN]);
    expect(reverseWindow(new Float32Array(0), [], 4, 2, 1, "first")[0]).toEqual(new Float32Array(4).fill(NaN));
  });

  it("rejects a buffer of the wrong size or windows outside the sequence", () => {
    expect(errorCode(() => reverseWindow(new Float32Array(5), [0, 1], 5, 3, 1, "mean"))).toBe("length_mismatch");
    expect(errorCode(() => reverseWindow(new Float32Array(3), [3], 5, 3, 1, "mean"))).toBe("window_out_of_range");
  });

  it("is linear in the number of windows (a scoring-sized sequence stays fast)", () => {
    const length = 20_000;
    const starts = windowStarts(length, 128, 1);
    const windows = new Float32Array(starts.length * 128 * 4).fill(1);
    const begin = performance.now();
    const back = reverseWindow(windows, starts, length, 128, 4, "mean");
    expect(back[3]?.[length - 1]).toBe(1);
    expect(performance.now() - begin).toBeLessThan(5_000);
  });
});

import { describe, expect, it } from "vitest";
import { scoringWindowCount } from "../preprocess/windows";
import { WINDOW_CAP, defaultScoreShift, defaultWindow } from "./defaults";

describe("the run form's defaults", () => {
  it("suggests the dataset's window up to the cap", () => {
    expect(defaultWindow(128)).toBe(WINDOW_CAP);
    expect(defaultWindow(16)).toBe(16);
    expect(defaultWindow(null)).toBe(WINDOW_CAP);
  });

  it("scores with a shift of an eighth of the window, at least 1", () => {
    expect(defaultScoreShift(32)).toBe(4);
    expect(defaultScoreShift(128)).toBe(16);
    expect(defaultScoreShift(7)).toBe(1);
    // The demo's longest drive: a quarter of the forward passes of shift 1.
    expect(scoringWindowCount(2991, 32, defaultScoreShift(32))).toBe(741);
    expect(scoringWindowCount(2991, 32, 1)).toBe(2960);
  });
});

import { describe, expect, it } from "vitest";
import { isFullWindow, windowFromZoom, zoomWindow } from "./zoom";

describe("windowFromZoom", () => {
  it("reads percent from an inside-zoom batch and from a slider event", () => {
    expect(windowFromZoom({ batch: [{ start: 25, end: 50 }] }, 101, 2)).toEqual({ from: 25, to: 51 });
    expect(windowFromZoom({ start: 0, end: 100 }, 101, 2)).toEqual({ from: 0, to: 101 });
  });

  it("prefers values in seconds when present", () => {
    expect(windowFromZoom({ startValue: 5, endValue: 10, start: 1, end: 2 }, 100, 2)).toEqual({ from: 10, to: 21 });
  });

  it("ignores events without a window", () => {
    expect(windowFromZoom({ type: "datazoom" }, 100, 2)).toBeNull();
    expect(windowFromZoom(null, 100, 2)).toBeNull();
  });
});

describe("zoomWindow", () => {
  it("halves around the centre and stays inside the sequence", () => {
    expect(zoomWindow({ from: 0, to: 1000 }, 0.5, 1000)).toEqual({ from: 250, to: 750 });
    expect(zoomWindow({ from: 900, to: 1000 }, 4, 1000)).toEqual({ from: 600, to: 1000 });
    expect(zoomWindow({ from: 0, to: 20 }, 0.1, 1000)).toEqual({ from: 2, to: 18 });
    expect(isFullWindow(zoomWindow({ from: 250, to: 750 }, 10, 1000), 1000)).toBe(true);
  });
});

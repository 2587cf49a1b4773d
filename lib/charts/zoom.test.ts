import { describe, expect, it } from "vitest";
import { isFullWindow, searchWithWindow, windowFromDrag, windowFromParams, windowFromZoom, zoomWindow } from "./zoom";

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

describe("windowFromDrag", () => {
  it("takes the dragged stretch in either direction, in steps", () => {
    expect(windowFromDrag(10, 30, 2, 1000)).toEqual({ from: 20, to: 61 });
    expect(windowFromDrag(30, 10, 2, 1000)).toEqual({ from: 20, to: 61 });
  });

  it("widens a short drag to the smallest window and stays inside the sequence", () => {
    expect(windowFromDrag(5, 5.5, 2, 1000)).toEqual({ from: 3, to: 19 });
    expect(windowFromDrag(-3, 2, 2, 1000)).toEqual({ from: 0, to: 16 });
    expect(windowFromDrag(490, 520, 2, 1000)).toEqual({ from: 980, to: 1000 });
    expect(windowFromDrag(Number.NaN, 2, 2, 1000)).toBeNull();
  });
});

describe("window in the URL", () => {
  it("reads from and to, clamped, and ignores what is not a window", () => {
    expect(windowFromParams("100", "144", 1000)).toEqual({ from: 100, to: 144 });
    expect(windowFromParams("990", "5000", 1000)).toEqual({ from: 984, to: 1000 });
    expect(windowFromParams("0", "1000", 1000)).toBeNull();
    expect(windowFromParams("20", "10", 1000)).toBeNull();
    expect(windowFromParams("1e3", "20", 1000)).toBeNull();
    expect(windowFromParams(null, "20", 1000)).toBeNull();
  });

  it("writes the window, keeps other parameters and drops both for the whole sequence", () => {
    expect(searchWithWindow("?x=1", { from: 10, to: 54 }, 1000)).toBe("?x=1&from=10&to=54");
    expect(searchWithWindow("?from=1&to=30&x=1", { from: 0, to: 1000 }, 1000)).toBe("?x=1");
    expect(searchWithWindow("", { from: 0, to: 1000 }, 1000)).toBe("");
  });
});

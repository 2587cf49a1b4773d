import { describe, expect, it } from "vitest";
import { AA_GRAPHICS, AA_TEXT, contrastRatio, parseColor } from "./contrast";
import { CHART_PALETTES, echartsTheme, type ColorScheme } from "./theme";

describe("contrastRatio", () => {
  it("gives WCAG's known answers", () => {
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#fff")).toBeCloseTo(1, 5);
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("rgb(118, 118, 118)", "rgb(255,255,255)")).toBeCloseTo(4.54, 2);
  });

  it("blends a translucent background over the one under it", () => {
    expect(contrastRatio("#000", "rgba(0, 0, 0, 0)", "#fff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "rgba(255, 255, 255, 0.5)", "#000")).toBeCloseTo(contrastRatio("#fff", "#808080"), 1);
    expect(parseColor("rgba(1, 2, 3, 0.5)")).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(Number.isNaN(contrastRatio("teal", "#fff"))).toBe(true);
  });
});

describe.each(["light", "dark"] as ColorScheme[])("the %s chart palette", (scheme) => {
  const p = CHART_PALETTES[scheme];

  it("keeps text readable (AA) on the chart and over the shaded ground truth", () => {
    expect(contrastRatio(p.text, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.muted, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.text, p.groundTruth, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.threshold, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.dimmed, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.bandText, p.band, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.onset, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(p.manual, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("draws every channel's line at 3:1 or more, also inside the ground-truth band", () => {
    for (const c of p.channels) {
      expect(contrastRatio(c, p.background), c).toBeGreaterThanOrEqual(AA_GRAPHICS);
      expect(contrastRatio(c, p.groundTruth, p.background), c).toBeGreaterThanOrEqual(AA_GRAPHICS);
    }
  });

  it("makes an ECharts theme of the palette", () => {
    const theme = echartsTheme(scheme) as { color: string[]; textStyle: { color: string } };
    expect(theme.color).toEqual([...p.channels]);
    expect(theme.textStyle.color).toBe(p.text);
  });
});

/**
 * The page's colour tokens (app/globals.css) in both schemes: each pair of text and what it sits on
 * keeps WCAG AA, and the chart tokens match lib/charts/theme.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AA_GRAPHICS, AA_TEXT, contrastRatio } from "./contrast";
import { CHART_PALETTES } from "./theme";

const css = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? "", (m[2] ?? "").trim()]));
}

const light = tokens(css.slice(css.indexOf(":root {"), css.indexOf("}", css.indexOf(":root {"))));
const darkStart = css.indexOf("@media (prefers-color-scheme: dark)");
const dark = { ...light, ...tokens(css.slice(darkStart, css.indexOf("}\n}", darkStart))) };

/** [text, background] token pairs that the pages draw. */
const TEXT_PAIRS: [string, string][] = [
  ["ink", "bg"],
  ["ink", "panel"],
  ["muted", "bg"],
  ["muted", "panel"],
  ["accent", "panel"],
  ["accent", "bg"],
  ["accent-ink", "accent"],
  ["danger", "panel"],
  ["danger-ink", "danger"],
  ["ok", "panel"],
  ["warn", "panel"],
  ["ink", "field"],
  ["ink", "tint"],
  ["accent", "tint"],
  ["ink", "best"],
  ["ink", "code"],
  ["muted", "subtle"],
  ["topbar-ink", "topbar"],
  ["topbar-link", "topbar"],
  ["badge-ink", "badge"],
  ["badge-admin-ink", "badge-admin"],
  ["badge-expert-ink", "badge-expert"],
  ["badge-analyst-ink", "badge-analyst"],
  ["notice-ink", "notice"],
  ["notice-ink", "panel"],
  ["running-ink", "running"],
  ["danger", "bad-cell"],
  ["ink", "unreadable"],
  ["dimmed-ink", "panel"],
  ["chart-threshold", "panel"],
  ["chart-dimmed", "panel"],
  ["chart-manual", "panel"],
];

describe.each([
  ["light", light],
  ["dark", dark],
] as const)("the %s theme's tokens", (scheme, t) => {
  it.each(TEXT_PAIRS)("%s on %s reaches 4.5:1", (fg, bg) => {
    expect(t[fg], fg).toBeDefined();
    expect(t[bg], bg).toBeDefined();
    expect(contrastRatio(t[fg] ?? "", t[bg] ?? "", t.panel)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("keeps text readable over the shaded ground truth and the drag selection", () => {
    expect(contrastRatio(t.ink ?? "", t["chart-truth"] ?? "", t.panel)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(t.ink ?? "", t["chart-selection"] ?? "", t.panel)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(t["chart-line"] ?? "", t.panel ?? "")).toBeGreaterThanOrEqual(AA_GRAPHICS);
  });

  it("matches the charts' palette", () => {
    const p = CHART_PALETTES[scheme];
    expect(t.panel).toBe(p.background);
    expect(t["chart-line"]).toBe(p.channels[0]);
    expect(t["chart-threshold"]).toBe(p.threshold);
    expect(t["chart-dimmed"]).toBe(p.dimmed);
    expect(t["chart-manual"]).toBe(p.manual);
    expect(t["chart-truth"]).toBe(p.groundTruth);
    expect(t["chart-selection"]).toBe(p.selection);
  });
});

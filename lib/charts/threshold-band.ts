/**
 * The refined threshold's F1-optimal interval (lower, upper] as a shaded horizontal band on a score
 * chart: every threshold inside it gives the labelled candidates the same outcome, so its width says
 * how certain the refined value is. Pure; the labelling page's and the run page's score options use it.
 *
 * The band is a markArea item (drawn under the series line, translucent, so the score stays readable),
 * labelled "optimal interval (l, u]" just above its top edge. With no lower end (the best is to alarm on every labelled
 * candidate) it is shaded from the axis bottom — a markArea corner without a y value is clamped to the
 * axis extent, on a value or a log axis alike — and the label says "unbounded below".
 */
import type { MarkAreaComponentOption } from "echarts/components";
import { formatThreshold } from "../labelling/labels";
import { chartPalette, type ColorScheme } from "./theme";

export type ThresholdInterval = { lower: number | null; upper: number };

/** The light scheme's band colours (both schemes' are in lib/charts/theme.ts). */
export const BAND_COLOR = chartPalette("light").band;
export const BAND_EDGE_COLOR = chartPalette("light").bandEdge;
export const BAND_TEXT_COLOR = chartPalette("light").bandText;
/** Pixels from the plot's left edge to the band's label. */
export const BAND_LABEL_OFFSET = 96;

type AreaItem = NonNullable<MarkAreaComponentOption["data"]>[number];

/** "(0.120, 4.560]", or "(−∞, 4.560]" when unbounded below; formatThreshold's digits. */
export function intervalText(interval: ThresholdInterval): string {
  return `(${interval.lower === null ? "−∞" : formatThreshold(interval.lower)}, ${formatThreshold(interval.upper)}]`;
}

/** What the band is: "optimal interval (l, u]", saying "unbounded below" when it is. */
export function bandLabel(interval: ThresholdInterval): string {
  return `optimal interval ${intervalText(interval)}${interval.lower === null ? " — unbounded below" : ""}`;
}

/**
 * The band as one markArea item: [from lower (or the axis bottom), to upper], across the whole x axis;
 * with `clip`, its area ends at the axis's ends (the label still says the whole interval). `text`:
 * the label, when `interval` is the band's position on a transformed axis rather than its values.
 * Colours of `scheme` (light unless given).
 */
export function bandArea(
  interval: ThresholdInterval,
  clip?: { min: number; max: number },
  text = bandLabel(interval),
  scheme: ColorScheme = "light",
): AreaItem {
  const p = chartPalette(scheme);
  const style = { color: p.band, borderColor: p.bandEdge, borderWidth: 1, borderType: "dotted" as const };
  // Just above the band's top edge, clear of the y axis's name: above the upper end only alarming
  // scores lie, so the text covers less of the line than inside the band, where the normal scores run.
  const label = {
    show: true,
    formatter: text,
    position: [BAND_LABEL_OFFSET, -15] as [number, number],
    color: p.bandText,
    fontSize: 11,
  };
  const lower = interval.lower === null ? null : Math.max(interval.lower, clip?.min ?? -Infinity);
  const from = lower === null ? {} : { yAxis: lower };
  return [{ name: "optimal interval", itemStyle: style, label, ...from }, { yAxis: Math.min(interval.upper, clip?.max ?? Infinity) }];
}

/** The values a score axis must show for the band: its upper end (its lower end may clamp to the axis bottom). */
export function bandValues(interval: ThresholdInterval | null | undefined): number[] {
  return interval ? [interval.upper] : [];
}

/** The interval of a stored threshold, once the server stores one (`lower`, `upper`); null before, or for an unbounded-above one. */
export function storedInterval(
  t: { value: number; lower?: number | null; upper?: number | null } | null | undefined,
): ThresholdInterval | null {
  if (!t || typeof t.upper !== "number" || !Number.isFinite(t.upper)) return null;
  const lower = typeof t.lower === "number" && Number.isFinite(t.lower) ? t.lower : null;
  return lower !== null && lower >= t.upper ? null : { lower, upper: t.upper };
}

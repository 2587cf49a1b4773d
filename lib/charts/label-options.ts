/**
 * ECharts options of the labelling page, built by pure functions: the raw channels (one grid each)
 * and the anomaly score with its thresholds, both in steps on the same zoom window, the queried
 * stretch shaded and the onset as a vertical line, and the refined threshold's optimal interval as a
 * translucent band under the score. Type-only imports from echarts.
 */
import type { LineSeriesOption } from "echarts/charts";
import type {
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { PlotChannel } from "./series-data";
import { bandArea, bandLabel, bandValues, type ThresholdInterval } from "./threshold-band";
import { lttbIndices } from "./lttb";
import { SYMLOG_AXIS_NAME, symexp, symlog, symlogTicks, type ScoreScale } from "./symlog";
import { formatThreshold } from "../labelling/labels";
import { formatValue } from "../format";
import { clockAxisLabel, formatInstant } from "./time-format";
import { chartPalette, labelPlate, type ChartPalette, type ColorScheme } from "./theme";

export type LabelChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
>;

export type StepRange = { from: number; to: number };
/** `shown`: the value its label says, when `value` is its position on a transformed (symlog) axis. */
export type ThresholdMark = { label: string; value: number; dimmed?: boolean; shown?: number };

export const CANDIDATE_COLOR = "rgba(36, 88, 214, 0.09)";
/** The light scheme's onset red (each scheme's is its palette's `onset`, lib/charts/theme.ts). */
export const ONSET_COLOR = chartPalette("light").onset;
/** The anomalous region marked by a drag: from the onset to its end. */
export const REGION_COLOR = "rgba(180, 35, 24, 0.14)";
export const CHANNEL_LAYOUT = { top: 24, gridHeight: 70, gap: 22, bottom: 34, left: 64, right: 24 } as const;
const SCORE_POINTS = 2000;

export function channelsHeight(count: number): number {
  const n = Math.max(1, count);
  return CHANNEL_LAYOUT.top + n * CHANNEL_LAYOUT.gridHeight + (n - 1) * CHANNEL_LAYOUT.gap + CHANNEL_LAYOUT.bottom;
}

/** The band as placed on the axis, and the interval its label states (different on a symlog axis). */
type Band = { at: ThresholdInterval; stated: ThresholdInterval };

function shade(
  scheme: ColorScheme,
  candidate: StepRange,
  region: StepRange | null,
  band: Band | null = null,
  clip?: { min: number; max: number },
  named = false,
): LineSeriesOption["markArea"] {
  const p = chartPalette(scheme);
  // A band wholly beyond the axis is not drawn (the panel still gives it in words).
  const at = band?.at;
  const visible = band && at && (!clip || (at.upper > clip.min && (at.lower ?? -Infinity) < clip.max));
  type Area = NonNullable<NonNullable<LineSeriesOption["markArea"]>["data"]>[number];
  // Named on the score only: on every channel grid the name would repeat over the plots.
  // At the region's foot, so that it never prints over the "onset" label above the plot (narrow screens).
  const label = { show: named, formatter: "marked region", color: p.onset, position: "insideBottom" as const };
  const marked: Area[] = region ? [[{ xAxis: region.from, itemStyle: { color: REGION_COLOR }, label }, { xAxis: region.to }]] : [];
  return {
    silent: true,
    itemStyle: { color: CANDIDATE_COLOR },
    data: [
      ...(visible ? [bandArea(band.at, clip, bandLabel(band.stated), scheme)] : []),
      [{ xAxis: candidate.from }, { xAxis: candidate.to - 1 }],
      ...marked,
    ],
  };
}

export type ThresholdLabelPosition = "insideEndTop" | "insideEndBottom" | "insideStartTop";

/**
 * Where each horizontal threshold line's label goes, so that labels of nearby lines never print over
 * each other: the highest line's above it at the right end, the lowest's below it, any between above
 * it at the left end; on a tie the line in effect (not dimmed) counts as the higher.
 */
export function thresholdLabelPositions(lines: readonly { y: number; dimmed?: boolean }[]): ThresholdLabelPosition[] {
  const order = lines
    .map((_, i) => i)
    .sort((a, b) => lines[b]!.y - lines[a]!.y || Number(lines[a]!.dimmed ?? false) - Number(lines[b]!.dimmed ?? false));
  const out = new Array<ThresholdLabelPosition>(lines.length);
  order.forEach((line, rank) => {
    out[line] = rank === 0 ? "insideEndTop" : rank === order.length - 1 ? "insideEndBottom" : "insideStartTop";
  });
  return out;
}

function thresholdLine(p: ChartPalette, t: ThresholdMark, y: number, text: string, position: ThresholdLabelPosition) {
  const color = t.dimmed ? p.dimmed : p.threshold;
  return {
    yAxis: y,
    label: { formatter: text, position, color, ...labelPlate(p) },
    lineStyle: { type: t.dimmed ? ("dotted" as const) : ("dashed" as const), opacity: t.dimmed ? 0.6 : 1, color, width: t.dimmed ? 1 : 2 },
  };
}

/**
 * The threshold lines, the off-scale ones as a marker on the edge they are beyond ("▲ refined 5,737.000
 * — above the plot"), and the onset as a vertical line (labelled on the score chart only: on the
 * channels it would print over their names).
 */
function marks(
  p: ChartPalette,
  onset: number | null,
  thresholds: ThresholdMark[],
  offScale: OffScale[] = [],
  onsetLabel = true,
): LineSeriesOption["markLine"] {
  const positions = thresholdLabelPositions([
    ...thresholds.map((t) => ({ y: t.value, dimmed: t.dimmed })),
    ...offScale.map((t) => ({ y: t.edge, dimmed: t.dimmed })),
  ]);
  const data: NonNullable<LineSeriesOption["markLine"]>["data"] = [
    ...thresholds.map((t, i) => thresholdLine(p, t, t.value, `${t.label} ${formatThreshold(t.shown ?? t.value)}`, positions[i]!)),
    ...offScale.map((t, i) =>
      thresholdLine(
        p,
        t,
        t.edge,
        `${t.side === "above" ? "▲" : "▼"} ${t.label} ${formatThreshold(t.shown ?? t.value)} — ${t.side === "above" ? "above" : "below"} the plot`,
        positions[thresholds.length + i]!,
      ),
    ),
  ];
  if (onset !== null) {
    data.push({
      xAxis: onset,
      label: onsetLabel ? { formatter: "onset", position: "end" as const, color: p.onset } : { show: false },
      lineStyle: { type: "solid" as const, color: p.onset, width: 2 },
    });
  }
  return { symbol: "none", silent: true, animation: false, data };
}

/** Wheel zoom and a slider; `drag` false leaves dragging on the plot to the region selection. */
function zoom(axes: number[], view: StepRange, context: StepRange, drag = true): DataZoomComponentOption[] {
  const range = { startValue: view.from, endValue: view.to - 1, minValueSpan: Math.min(16, context.to - context.from) };
  return [
    { type: "inside", xAxisIndex: axes, filterMode: "none", moveOnMouseMove: drag, ...range },
    { type: "slider", xAxisIndex: axes, filterMode: "none", bottom: 4, height: 16, showDataShadow: false, ...range },
  ];
}

/**
 * The time axis every labelling plot shares: steps are the axis's values, read as h:mm:ss (the step
 * named where one instant is, in the pointer's label) when the sampling rate is known; plain steps otherwise.
 */
export function stepAxis(view: StepRange, samplingRate?: number) {
  if (!(samplingRate && samplingRate > 0)) return { name: "step", axisLabel: { hideOverlap: true }, axisPointer: {} };
  const clock = clockAxisLabel((view.to - view.from) / samplingRate);
  return {
    name: "time (h:mm:ss)",
    // Labels that would overlap (a phone's width) are left out, the same ones on every plot sharing the axis.
    axisLabel: { formatter: (step: number) => clock(step / samplingRate), hideOverlap: true },
    axisPointer: { label: { formatter: ({ value }: { value: unknown }) => formatInstant(Number(value), samplingRate) } },
  };
}

export type ChannelsInput = {
  channels: PlotChannel[];
  /** Steps per second, for the h:mm:ss time axis (steps when absent). */
  samplingRate?: number;
  /** The colour scheme's series colours (light when absent). */
  scheme?: ColorScheme;
  context: StepRange;
  candidate: StepRange;
  onset: number | null;
  view: StepRange;
  /** The marked anomalous region [onset, end), shaded. */
  region?: StepRange | null;
};

/** The visible raw channels, stacked, on one zoom; the candidate and the marked region shaded, the onset marked. */
export function labelChannelsOption({
  channels,
  context,
  candidate,
  onset,
  view,
  region = null,
  samplingRate,
  scheme = "light",
}: ChannelsInput): LabelChartOption {
  const L = CHANNEL_LAYOUT;
  const p = chartPalette(scheme);
  const time = stepAxis(view, samplingRate);
  const axes = channels.map((_, i) => i);
  return {
    animation: false,
    grid: channels.map((_, i) => ({ left: L.left, right: L.right, top: L.top + i * (L.gridHeight + L.gap), height: L.gridHeight })),
    xAxis: channels.map((_, i) => ({
      type: "value",
      gridIndex: i,
      min: context.from,
      max: context.to - 1,
      axisLabel: { ...time.axisLabel, show: i === channels.length - 1 },
      axisPointer: time.axisPointer,
    })),
    yAxis: channels.map((c, i) => ({
      type: "value",
      gridIndex: i,
      scale: true,
      splitNumber: 2,
      name: c.name,
      nameGap: 6,
      nameTextStyle: { align: "left", fontWeight: "bold" },
      axisLabel: { fontSize: 10 },
    })),
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    tooltip: { trigger: "axis", axisPointer: { type: "line", animation: false } },
    dataZoom: zoom(axes, view, context).slice(0, 1),
    series: channels.map((c, i) => ({
      type: "line",
      name: c.name,
      xAxisIndex: i,
      yAxisIndex: i,
      data: c.x.map((x, k) => [x, c.y[k] ?? 0]),
      showSymbol: false,
      color: p.channels[(c.index ?? i) % p.channels.length],
      lineStyle: { width: 1 },
      emphasis: { disabled: true },
      markArea: shade(scheme, candidate, region),
      markLine: marks(p, onset, [], [], false),
    })),
  };
}

export type ScoreInput = {
  score: ArrayLike<number>;
  /** Steps per second, for the h:mm:ss time axis (steps when absent). */
  samplingRate?: number;
  /** The colour scheme's series colours (light when absent). */
  scheme?: ColorScheme;
  context: StepRange;
  candidate: StepRange;
  onset: number | null;
  thresholds: ThresholdMark[];
  view: StepRange;
  /** The refined threshold's optimal interval, shaded; none for the unsupervised threshold. */
  band?: ThresholdInterval | null;
  /** The marked anomalous region [onset, end), shaded. */
  region?: StepRange | null;
  /** "symlog": the y axis on the symmetric log scale of ./symlog.ts (its name says so). */
  scale?: ScoreScale;
};

function reduced(score: ArrayLike<number>, range: StepRange, points: number): [number, number][] {
  const to = Math.min(range.to, score.length);
  const slice = Array.from({ length: Math.max(0, to - range.from) }, (_, i) => score[range.from + i] ?? Number.NaN);
  const kept = lttbIndices(slice, slice.length > points ? points : 0);
  return Array.from(kept, (i) => [range.from + i, slice[i] ?? Number.NaN]);
}

/**
 * Score points of steps [from, to), LTTB-reduced to what a chart can draw. With a zoom window `view`
 * inside the range, the window gets all `points` (full resolution when it holds fewer steps) and the
 * steps outside it keep the density of the whole range, so zooming in shows the detail.
 */
export function scorePoints(score: ArrayLike<number>, range: StepRange, points = SCORE_POINTS, view?: StepRange): [number, number][] {
  const inner = view && { from: Math.max(range.from, view.from), to: Math.min(range.to, view.to) };
  if (!inner || inner.to <= inner.from || (inner.from === range.from && inner.to === range.to)) return reduced(score, range, points);
  const share = (r: StepRange) => Math.max(2, Math.round((points * (r.to - r.from)) / (range.to - range.from)));
  const before = { from: range.from, to: inner.from };
  const after = { from: inner.to, to: range.to };
  return [...reduced(score, before, share(before)), ...reduced(score, inner, points), ...reduced(score, after, share(after))];
}

/** A threshold beyond the fitted axis, drawn at its edge. */
export type OffScale = ThresholdMark & { side: "above" | "below"; edge: number };

/** How far beyond the visible scores (in spans of them) a threshold may lie and still widen the axis. */
export const THRESHOLD_REACH = 0.5;

/**
 * The score axis for the visible steps: fitted to the scores in `view` (so zooming rescales it),
 * widened to take in every threshold and the band's upper end that lie within THRESHOLD_REACH spans
 * of them; a threshold further off would squash the scores into a sliver, so it is drawn as a marker
 * on the edge it is beyond instead. Ends rounded to readable numbers.
 */
export function fitScoreAxis(
  score: ArrayLike<number>,
  view: StepRange,
  thresholds: readonly ThresholdMark[],
  band: ThresholdInterval | null = null,
): { min: number; max: number; inView: ThresholdMark[]; offScale: OffScale[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = Math.max(0, view.from); i < Math.min(view.to, score.length); i++) {
    const v = score[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) {
    // Nothing to show yet: the thresholds set the scale.
    const values = [...thresholds.map((t) => t.value), ...bandValues(band)];
    lo = values.length ? Math.min(...values) : 0;
    hi = values.length ? Math.max(...values) : 1;
  }
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const reach = { lo: lo - THRESHOLD_REACH * span, hi: hi + THRESHOLD_REACH * span };
  const inView = thresholds.filter((t) => t.value >= reach.lo && t.value <= reach.hi);
  for (const v of [...inView.map((t) => t.value), ...bandValues(band).filter((v) => v >= reach.lo && v <= reach.hi)]) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pad = (hi - lo || span) * 0.04;
  const min = niceFloor(lo - pad);
  const max = niceCeil(hi + pad);
  const offScale: OffScale[] = thresholds
    .filter((t) => !inView.includes(t))
    .map((t) => (t.value > hi ? { ...t, side: "above", edge: max } : { ...t, side: "below", edge: min }));
  return { min, max, inView, offScale };
}

/** The score, thresholds and band as placed on the plot's y axis: as they are, or symlog-transformed (labels keep the values). */
function onScale({ score, thresholds, band = null, scale = "linear" }: ScoreInput) {
  if (scale === "linear") return { score, thresholds, band: band && { at: band, stated: band } };
  return {
    score: Float32Array.from(score, symlog),
    thresholds: thresholds.map((t) => ({ ...t, value: symlog(t.value), shown: t.shown ?? t.value })),
    band: band && { at: { lower: band.lower === null ? null : symlog(band.lower), upper: symlog(band.upper) }, stated: band },
  };
}

/** The score axis of the plot (fitScoreAxis on the scale in use): its extent, and the thresholds drawn on its edge. */
export function scoreAxisOf(input: ScoreInput) {
  const placed = onScale(input);
  return fitScoreAxis(placed.score, input.view, placed.thresholds, placed.band?.at ?? null);
}

/**
 * The anomaly score with the threshold lines (the unsupervised one dimmed) and the optimal interval,
 * the candidate and the marked region shaded, the onset marked; the y axis fitted to the visible steps
 * (fitScoreAxis), linear or symlog; dragging on the plot is left to the region selection.
 */
export function labelScoreOption(input: ScoreInput): LabelChartOption {
  const { context, candidate, onset, view, region = null, scale = "linear", scheme = "light" } = input;
  const placed = onScale(input);
  const axis = fitScoreAxis(placed.score, view, placed.thresholds, placed.band?.at ?? null);
  const symlogAxis = scale === "symlog";
  const ticks = symlogAxis ? symlogTicks(axis.min, axis.max) : [];
  const time = stepAxis(view, input.samplingRate);
  const p = chartPalette(scheme);
  return {
    animation: false,
    // Room under the step labels for the axis name and the zoom slider, apart.
    grid: { left: CHANNEL_LAYOUT.left, right: CHANNEL_LAYOUT.right, top: 24, bottom: 58 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line", animation: false },
      valueFormatter: (v) => (typeof v === "number" ? formatValue(symlogAxis ? symexp(v) : v, 5) : String(v)),
    },
    dataZoom: zoom([0], view, context, false),
    xAxis: {
      type: "value",
      min: context.from,
      max: context.to - 1,
      name: time.name,
      nameLocation: "middle",
      nameGap: 20,
      axisLabel: time.axisLabel,
      axisPointer: time.axisPointer,
    },
    yAxis: {
      type: "value",
      name: symlogAxis ? SYMLOG_AXIS_NAME : "anomaly score (NLL)",
      nameTextStyle: { align: "left" },
      min: axis.min,
      max: axis.max,
      ...(symlogAxis
        ? {
            axisLabel: { customValues: ticks, formatter: (v: number) => formatValue(symexp(v), 2) },
            axisTick: { customValues: ticks },
            splitLine: { show: false },
          }
        : {}),
    },
    series: [
      {
        type: "line",
        name: "anomaly score",
        data: scorePoints(placed.score, context, SCORE_POINTS, view),
        showSymbol: false,
        color: p.text,
        lineStyle: { width: 1 },
        emphasis: { disabled: true },
        // The band clipped to the axis, so a band reaching far above the plot does not cover it all.
        markArea: shade(scheme, candidate, region, placed.band, axis, true),
        markLine: marks(p, onset, axis.inView, axis.offScale),
      },
    ],
  };
}

/**
 * A score axis's min and max that keep `above` values in view at the top and `below` values at the
 * bottom (2 % of room, ends rounded to readable numbers); the axis's own extent otherwise.
 */
export function scoreAxisRange(above: readonly number[], below: readonly number[]) {
  const room = (x: number) => Math.abs(x) * 0.02;
  const top = Math.max(...above.map((x) => x + room(x)));
  const bottom = Math.min(...below.map((x) => x - room(x)));
  return {
    max: (v: { max: number }) => niceCeil(Math.max(v.max, top)),
    min: (v: { min: number }) => (bottom < v.min ? niceFloor(bottom) : null),
  };
}

/** Rounded up to two significant digits, so that the axis ends on a readable number. */
export function niceCeil(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.ceil(x / unit) * unit;
}

/** Rounded down to two significant digits. */
export function niceFloor(x: number): number {
  return -niceCeil(-x);
}

/** The stretch to plot: the candidate with a quarter of its length of context on each side. */
export function contextOf(candidate: StepRange, length: number): StepRange {
  const pad = Math.max(8, Math.round((candidate.to - candidate.from) / 4));
  return { from: Math.max(0, candidate.from - pad), to: Math.min(length, candidate.to + pad) };
}

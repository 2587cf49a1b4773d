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
import { CHANNEL_COLORS } from "./sequence-options";
import type { PlotChannel } from "./series-data";
import { bandArea, bandValues, type ThresholdInterval } from "./threshold-band";
import { lttbIndices } from "./lttb";

export type LabelChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
>;

export type StepRange = { from: number; to: number };
export type ThresholdMark = { label: string; value: number; dimmed?: boolean };

export const CANDIDATE_COLOR = "rgba(36, 88, 214, 0.09)";
export const ONSET_COLOR = "#b42318";
export const CHANNEL_LAYOUT = { top: 24, gridHeight: 70, gap: 22, bottom: 34, left: 64, right: 24 } as const;
const SCORE_POINTS = 2000;

export function channelsHeight(count: number): number {
  const n = Math.max(1, count);
  return CHANNEL_LAYOUT.top + n * CHANNEL_LAYOUT.gridHeight + (n - 1) * CHANNEL_LAYOUT.gap + CHANNEL_LAYOUT.bottom;
}

function shade(candidate: StepRange, band: ThresholdInterval | null = null): LineSeriesOption["markArea"] {
  return {
    silent: true,
    itemStyle: { color: CANDIDATE_COLOR },
    data: [...(band ? [bandArea(band)] : []), [{ xAxis: candidate.from }, { xAxis: candidate.to - 1 }]],
  };
}

function marks(onset: number | null, thresholds: ThresholdMark[]): LineSeriesOption["markLine"] {
  const data: NonNullable<LineSeriesOption["markLine"]>["data"] = thresholds.map((t) => ({
    yAxis: t.value,
    label: { formatter: `${t.label} ${t.value.toFixed(3)}`, position: "insideEndTop" as const, color: t.dimmed ? "#888" : "#c0392b" },
    lineStyle: {
      type: t.dimmed ? ("dotted" as const) : ("dashed" as const),
      opacity: t.dimmed ? 0.5 : 1,
      color: t.dimmed ? "#888" : "#c0392b",
      width: t.dimmed ? 1 : 2,
    },
  }));
  if (onset !== null) {
    data.push({
      xAxis: onset,
      label: { formatter: "onset", position: "end" as const, color: ONSET_COLOR },
      lineStyle: { type: "solid" as const, color: ONSET_COLOR, width: 2 },
    });
  }
  return { symbol: "none", silent: true, animation: false, data };
}

function zoom(axes: number[], view: StepRange, context: StepRange): DataZoomComponentOption[] {
  const range = { startValue: view.from, endValue: view.to - 1, minValueSpan: Math.min(16, context.to - context.from) };
  return [
    { type: "inside", xAxisIndex: axes, filterMode: "none", ...range },
    { type: "slider", xAxisIndex: axes, filterMode: "none", bottom: 4, height: 16, showDataShadow: false, ...range },
  ];
}

export type ChannelsInput = { channels: PlotChannel[]; context: StepRange; candidate: StepRange; onset: number | null; view: StepRange };

/** The visible raw channels, stacked, on one zoom; the candidate shaded, the onset marked. */
export function labelChannelsOption({ channels, context, candidate, onset, view }: ChannelsInput): LabelChartOption {
  const L = CHANNEL_LAYOUT;
  const axes = channels.map((_, i) => i);
  return {
    animation: false,
    grid: channels.map((_, i) => ({ left: L.left, right: L.right, top: L.top + i * (L.gridHeight + L.gap), height: L.gridHeight })),
    xAxis: channels.map((_, i) => ({
      type: "value",
      gridIndex: i,
      min: context.from,
      max: context.to - 1,
      axisLabel: { show: i === channels.length - 1 },
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
      color: CHANNEL_COLORS[(c.index ?? i) % CHANNEL_COLORS.length],
      lineStyle: { width: 1 },
      emphasis: { disabled: true },
      markArea: shade(candidate),
      markLine: marks(onset, []),
    })),
  };
}

export type ScoreInput = {
  score: ArrayLike<number>;
  context: StepRange;
  candidate: StepRange;
  onset: number | null;
  thresholds: ThresholdMark[];
  view: StepRange;
  /** The refined threshold's optimal interval, shaded; none for the unsupervised threshold. */
  band?: ThresholdInterval | null;
};

/** Score points of steps [from, to), LTTB-reduced to what a chart can draw. */
export function scorePoints(score: ArrayLike<number>, range: StepRange, points = SCORE_POINTS): [number, number][] {
  const to = Math.min(range.to, score.length);
  const slice = Array.from({ length: Math.max(0, to - range.from) }, (_, i) => score[range.from + i] ?? Number.NaN);
  const kept = lttbIndices(slice, slice.length > points ? points : 0);
  return Array.from(kept, (i) => [range.from + i, slice[i] ?? Number.NaN]);
}

/** The anomaly score with the threshold lines (the unsupervised one dimmed) and the optimal interval, the candidate shaded, the onset marked. */
export function labelScoreOption({ score, context, candidate, onset, thresholds, view, band = null }: ScoreInput): LabelChartOption {
  const lines = thresholds.map((t) => t.value);
  return {
    animation: false,
    grid: { left: CHANNEL_LAYOUT.left, right: CHANNEL_LAYOUT.right, top: 24, bottom: 48 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line", animation: false },
      valueFormatter: (v) => (typeof v === "number" ? v.toPrecision(5) : String(v)),
    },
    dataZoom: zoom([0], view, context),
    xAxis: { type: "value", min: context.from, max: context.to - 1, name: "step", nameLocation: "middle", nameGap: 22 },
    // Keep every threshold line and the band's upper end in view, even above or below all the scores shown.
    yAxis: {
      type: "value",
      scale: true,
      name: "anomaly score",
      nameTextStyle: { align: "left" },
      ...scoreAxisRange([...lines, ...bandValues(band)], lines),
    },
    series: [
      {
        type: "line",
        name: "anomaly score",
        data: scorePoints(score, context),
        showSymbol: false,
        color: "#1c2430",
        lineStyle: { width: 1 },
        emphasis: { disabled: true },
        markArea: shade(candidate, band),
        markLine: marks(onset, thresholds),
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

/**
 * ECharts option of the sequence viewer, built by a pure function: one grid per channel, stacked,
 * each with its own y axis fitted to the points in view (zooming in rescales it) and named with the
 * channel's unit; one h:mm:ss time axis per grid, all moved by the same zoom; an overview of the
 * first channel drawn in the zoom slider; ground truth as a shaded band. Type-only imports from
 * echarts, so this runs (and is tested) in Node.
 */
import type { LineSeriesOption } from "echarts/charts";
import type {
  AxisPointerComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { formatValue } from "../format";
import { fitRange, visibleExtent } from "./axis-fit";
import type { PlotChannel } from "./series-data";
import { chartPalette, type ColorScheme } from "./theme";
import { clockAxisLabel, formatClock, formatInstant } from "./time-format";

export type SequenceChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | AxisPointerComponentOption
>;

export type SequenceChartInput = {
  /** The visible channels, top to bottom; x in steps; each with its unit where known. */
  channels: PlotChannel[];
  samplingRate: number;
  length: number;
  /** The zoom window in steps [from, to). */
  window: { from: number; to: number };
  /** Steps [start, end) labelled anomalous; null when the viewer may not see ground truth. */
  groundTruth: [number, number][] | null;
  scheme?: ColorScheme;
};

export const LAYOUT = { top: 28, gridHeight: 104, gap: 34, bottom: 92, left: 72, right: 24, slider: 44 } as const;

/** The light scheme's channel and ground-truth colours (the dark ones are in lib/charts/theme.ts). */
export const GROUND_TRUTH_COLOR = chartPalette("light").groundTruth;
export const CHANNEL_COLORS = chartPalette("light").channels;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Channel names come from uploaded CSV headers: escape them before they go into tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A channel's name with its unit, as on its axis: "speed (km/h)". */
export function channelLabel(name: string, unit: string | null | undefined): string {
  return unit ? `${name} (${unit})` : name;
}

type TooltipItem = { seriesName?: string; value?: unknown; color?: unknown; seriesIndex?: number };

/**
 * Tooltip: the instant once (h:mm:ss and the step), then each channel's value in its colour, rounded
 * to 4 significant digits, with its unit (`units` by series position).
 */
export function tooltipHtml(items: TooltipItem[], rate: number, units: readonly (string | null)[] = []): string {
  const first = items[0]?.value;
  const t = Array.isArray(first) && typeof first[0] === "number" ? first[0] : 0;
  const lines = items.map((item, k) => {
    const y = Array.isArray(item.value) ? Number(item.value[1]) : Number.NaN;
    const color = typeof item.color === "string" ? item.color : "#999";
    const unit = units[item.seriesIndex ?? k];
    return `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${escapeHtml(color)}"></span>${escapeHtml(item.seriesName ?? "")} <b>${formatValue(y)}</b>${unit ? ` ${escapeHtml(unit)}` : ""}`;
  });
  return [formatInstant(Math.round(t * rate), rate), ...lines].join("<br/>");
}

/** Pixel height the chart needs for `count` channels. */
export function chartHeight(count: number): number {
  const n = Math.max(1, count);
  return LAYOUT.top + n * LAYOUT.gridHeight + (n - 1) * LAYOUT.gap + LAYOUT.bottom;
}

function toPairs(channel: PlotChannel, rate: number): [number, number][] {
  const pairs = new Array<[number, number]>(channel.x.length);
  for (let i = 0; i < channel.x.length; i++) pairs[i] = [(channel.x[i] ?? 0) / rate, channel.y[i] ?? 0];
  return pairs;
}

function groundTruthArea(ranges: [number, number][], rate: number, last: number, color: string): LineSeriesOption["markArea"] {
  return {
    silent: true,
    itemStyle: { color },
    data: ranges.map(([start, end]) => [{ xAxis: start / rate }, { xAxis: Math.min(end, last) / rate }]),
  };
}

/** The y range of a channel for the window: its visible points, padded and rounded; ECharts' own scale when none. */
function yRange(c: PlotChannel, window: { from: number; to: number }): { min?: number; max?: number } {
  const extent = visibleExtent(c.x, c.y, window.from, window.to - 1);
  return extent ? fitRange(extent) : {};
}

export function buildSequenceOption(input: SequenceChartInput): SequenceChartOption {
  const { channels, samplingRate: rate, length } = input;
  const palette = chartPalette(input.scheme);
  const last = Math.max(0, length - 1);
  const axes = channels.map((_, i) => i);
  const xMax = last / rate;
  const zoom = { startValue: input.window.from / rate, endValue: Math.min(input.window.to - 1, last) / rate };
  const axisLabel = clockAxisLabel(zoom.endValue - zoom.startValue);
  const units = channels.map((c) => c.unit ?? null);
  const span = { minValueSpan: Math.min(8, length) / rate };
  return {
    animation: false,
    grid: channels.map((_, i) => ({
      left: LAYOUT.left,
      right: LAYOUT.right,
      top: LAYOUT.top + i * (LAYOUT.gridHeight + LAYOUT.gap),
      height: LAYOUT.gridHeight,
    })),
    xAxis: channels.map((_, i) => ({
      type: "value",
      gridIndex: i,
      min: 0,
      max: xMax,
      axisLabel: { show: i === channels.length - 1, formatter: axisLabel, hideOverlap: true },
      axisTick: { show: i === channels.length - 1 },
      splitLine: { show: true },
    })),
    yAxis: channels.map((c, i) => ({
      type: "value",
      gridIndex: i,
      scale: true,
      splitNumber: 3,
      ...yRange(c, input.window),
      name: channelLabel(c.name, units[i]),
      nameLocation: "end",
      nameGap: 8,
      nameTextStyle: { align: "left", fontWeight: "bold" },
      axisLabel: { fontSize: 10, formatter: (v: number) => formatValue(v) },
    })),
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line", animation: false },
      formatter: (params) => tooltipHtml((Array.isArray(params) ? params : [params]) as TooltipItem[], rate, units),
    },
    dataZoom: [
      // The wheel zooms; a drag on the plot selects a stretch to zoom to (the viewer handles it), so it does not pan.
      { type: "inside", xAxisIndex: axes, filterMode: "none", moveOnMouseMove: false, ...span, ...zoom },
      {
        // The overview: the first channel's whole series drawn in the slider, the window dragged through it.
        type: "slider",
        xAxisIndex: axes,
        filterMode: "none",
        ...span,
        bottom: 8,
        height: LAYOUT.slider,
        labelFormatter: (v: number) => formatClock(v),
        showDataShadow: true,
        brushSelect: false,
        ...zoom,
      },
    ],
    series: channels.map((c, i) => ({
      type: "line",
      name: c.name,
      xAxisIndex: i,
      yAxisIndex: i,
      data: toPairs(c, rate),
      showSymbol: false,
      symbol: "none",
      color: palette.channels[(c.index ?? i) % palette.channels.length],
      lineStyle: { width: 1.2 },
      emphasis: { disabled: true },
      ...(input.groundTruth && input.groundTruth.length > 0
        ? { markArea: groundTruthArea(input.groundTruth, rate, last, palette.groundTruth) }
        : {}),
    })),
  };
}

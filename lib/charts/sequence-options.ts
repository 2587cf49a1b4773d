/**
 * ECharts option of the sequence viewer, built by a pure function: one grid per channel, stacked,
 * each with its own y scale; one time axis per grid, all moved by the same zoom; ground truth as a
 * shaded band. Type-only imports from echarts, so this runs (and is tested) in Node.
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
import type { PlotChannel } from "./series-data";
import { formatElapsed } from "./time-format";

export type SequenceChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | AxisPointerComponentOption
>;

export type SequenceChartInput = {
  /** The visible channels, top to bottom; x in steps. */
  channels: PlotChannel[];
  samplingRate: number;
  length: number;
  /** The zoom window in steps [from, to). */
  window: { from: number; to: number };
  /** Steps [start, end) labelled anomalous; null when the viewer may not see ground truth. */
  groundTruth: [number, number][] | null;
};

export const LAYOUT = { top: 28, gridHeight: 104, gap: 34, bottom: 64, left: 72, right: 24 } as const;

export const GROUND_TRUTH_COLOR = "rgba(214, 40, 40, 0.13)";

/** One colour per channel position, so that a channel keeps its colour when others are hidden. */
export const CHANNEL_COLORS = [
  "#2458d6",
  "#c2410c",
  "#0f766e",
  "#7c3aed",
  "#b45309",
  "#be185d",
  "#15803d",
  "#0369a1",
  "#4d7c0f",
  "#9f1239",
] as const;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Channel names come from uploaded CSV headers: escape them before they go into tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

type TooltipItem = { seriesName?: string; value?: unknown; color?: unknown };

/** Tooltip: the time once, then each channel's value in its colour. */
export function tooltipHtml(items: TooltipItem[], rate: number): string {
  const first = items[0]?.value;
  const t = Array.isArray(first) && typeof first[0] === "number" ? first[0] : 0;
  const lines = items.map((item) => {
    const y = Array.isArray(item.value) ? Number(item.value[1]) : Number.NaN;
    const color = typeof item.color === "string" ? item.color : "#999";
    return `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${escapeHtml(color)}"></span>${escapeHtml(item.seriesName ?? "")} <b>${Number.isFinite(y) ? +y.toPrecision(6) : "–"}</b>`;
  });
  return [`${formatElapsed(t)} · step ${Math.round(t * rate).toLocaleString("en-US")}`, ...lines].join("<br/>");
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

function groundTruthArea(ranges: [number, number][], rate: number, last: number): LineSeriesOption["markArea"] {
  return {
    silent: true,
    itemStyle: { color: GROUND_TRUTH_COLOR },
    data: ranges.map(([start, end]) => [{ xAxis: start / rate }, { xAxis: Math.min(end, last) / rate }]),
  };
}

export function buildSequenceOption(input: SequenceChartInput): SequenceChartOption {
  const { channels, samplingRate: rate, length } = input;
  const last = Math.max(0, length - 1);
  const axes = channels.map((_, i) => i);
  const xMax = last / rate;
  const zoom = { startValue: input.window.from / rate, endValue: Math.min(input.window.to - 1, last) / rate };
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
      axisLabel: { show: i === channels.length - 1, formatter: formatElapsed, hideOverlap: true },
      axisTick: { show: i === channels.length - 1 },
      splitLine: { show: true, lineStyle: { color: "#eef1f5" } },
    })),
    yAxis: channels.map((c, i) => ({
      type: "value",
      gridIndex: i,
      scale: true,
      splitNumber: 3,
      name: c.name,
      nameLocation: "end",
      nameGap: 8,
      nameTextStyle: { align: "left", fontWeight: "bold", color: "#1c2430" },
      axisLabel: { fontSize: 10 },
    })),
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line", animation: false },
      formatter: (params) => tooltipHtml((Array.isArray(params) ? params : [params]) as TooltipItem[], rate),
    },
    dataZoom: [
      { type: "inside", xAxisIndex: axes, filterMode: "none", minValueSpan: 8 / rate, ...zoom },
      {
        type: "slider",
        xAxisIndex: axes,
        filterMode: "none",
        minValueSpan: 8 / rate,
        bottom: 10,
        height: 22,
        labelFormatter: formatElapsed,
        showDataShadow: false,
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
      color: CHANNEL_COLORS[(c.index ?? i) % CHANNEL_COLORS.length],
      lineStyle: { width: 1 },
      emphasis: { disabled: true },
      ...(input.groundTruth && input.groundTruth.length > 0 ? { markArea: groundTruthArea(input.groundTruth, rate, last) } : {}),
    })),
  };
}

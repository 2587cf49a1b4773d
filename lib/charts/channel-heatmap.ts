/**
 * Where the anomaly is: each channel's part of the anomaly score over time, as a heat map of time ×
 * channel. A step's score is the sum over channels of each channel's negative log-likelihood
 * (docs/algorithms.md, scoring), stored per channel with the score (Score.channelData, channel-major:
 * channel c's step t at c·length + t). The visible steps are cut into at most `bins` columns; each
 * cell is the channel's NLL at its column's peak step (the step where the summed score is highest),
 * so a column's cells add up to the score there and the channel that drives an alarm is the dark
 * cell under it. Pure. The cells are drawn by a custom series on the same value time axis as the score
 * plot above it (same range, margins and h:mm:ss labels), so that their ticks line up; ECharts' own
 * heat map needs a category axis, whose ticks cannot.
 */
import type { CustomSeriesOption } from "echarts/charts";
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { formatValue } from "../format";
import { stepAxis } from "./label-options";
import { symexp, symlog, type ScoreScale } from "./symlog";
import { formatInstant } from "./time-format";

export type HeatmapOption = ComposeOption<CustomSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>;

export type StepRange = { from: number; to: number };

/** One column of the heat map: steps [from, to), its peak step, the score there and each channel's part of it. */
export type HeatColumn = { from: number; to: number; peak: number; total: number; parts: number[] };

export const HEATMAP_BINS = 240;
export const HEATMAP_LAYOUT = { top: 8, rowHeight: 16, bottom: 52, left: 64, right: 24 } as const;
/** White to dark red: a low part is pale, the part that drives an alarm dark. */
export const HEAT_COLORS = ["#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"];

/** How many channels `channelScores` holds for a sequence of `length` steps (0 when it does not divide). */
export function channelCount(values: number, length: number): number {
  return length > 0 && values % length === 0 ? values / length : 0;
}

/** The visible steps cut into at most `bins` columns, each with its peak step and the channels' parts there. */
export function heatColumns(channelScores: ArrayLike<number>, length: number, range: StepRange, bins = HEATMAP_BINS): HeatColumn[] {
  const channels = channelCount(channelScores.length, length);
  const from = Math.max(0, Math.floor(range.from));
  const to = Math.min(length, Math.ceil(range.to));
  if (channels === 0 || to <= from) return [];
  const width = Math.max(1, Math.ceil((to - from) / Math.max(1, bins)));
  const columns: HeatColumn[] = [];
  for (let start = from; start < to; start += width) {
    const end = Math.min(to, start + width);
    let peak = start;
    let total = -Infinity;
    for (let t = start; t < end; t++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += channelScores[c * length + t] ?? 0;
      if (sum > total) [peak, total] = [t, sum];
    }
    columns.push({
      from: start,
      to: end,
      peak,
      total,
      parts: Array.from({ length: channels }, (_, c) => channelScores[c * length + peak] ?? 0),
    });
  }
  return columns;
}

/** The channel with the largest part at the visible steps' highest score: the one that drives the alarm there. */
export function drivingChannel(columns: readonly HeatColumn[]): { channel: number; step: number; part: number; total: number } | null {
  let best: HeatColumn | null = null;
  for (const column of columns) if (!best || column.total > best.total) best = column;
  if (!best || best.parts.length === 0) return null;
  const channel = best.parts.reduce((top, v, c, all) => (v > (all[top] ?? -Infinity) ? c : top), 0);
  return { channel, step: best.peak, part: best.parts[channel] ?? 0, total: best.total };
}

export type HeatmapInput = {
  channelScores: ArrayLike<number>;
  length: number;
  channelNames: readonly string[];
  range: StepRange;
  bins?: number;
  /** "symlog": colours by sign·log₁₀(1+|part|), for parts that span orders of magnitude. */
  scale?: ScoreScale;
  /** Steps per second: the time axis reads h:mm:ss, as the score plot's does (steps when absent). */
  samplingRate?: number;
};

/** A cell: its column's steps [from, to), the channel, the colour value, and the peak step, part and score for the tooltip. */
export type HeatCell = [from: number, to: number, channel: number, value: number, peak: number, part: number, total: number];

type Rect = { x: number; y: number; width: number; height: number };
type RenderApi = {
  value(dim: number): number;
  coord(point: number[]): number[];
  size(span: number[]): number[];
  visual(key: string): unknown;
};

/**
 * One cell as a rectangle: a step t covers [t − ½, t + ½) on the axis, as the score line's point at t
 * sits in the middle of it; clipped to the plot.
 */
export function cellRect(api: RenderApi, grid: Rect): Rect | null {
  const [x0 = 0, y = 0] = api.coord([api.value(0) - 0.5, api.value(2)]);
  const [x1 = 0] = api.coord([api.value(1) - 0.5, api.value(2)]);
  const height = api.size([0, 1])[1] ?? 0;
  const left = Math.max(grid.x, Math.min(x0, x1));
  const right = Math.min(grid.x + grid.width, Math.max(x0, x1));
  return right > left ? { x: left, y: y - height / 2, width: right - left, height } : null;
}

/** The heat map's height in pixels for this many channels. */
export function heatmapHeight(channels: number): number {
  return HEATMAP_LAYOUT.top + Math.max(1, channels) * HEATMAP_LAYOUT.rowHeight + HEATMAP_LAYOUT.bottom;
}

/** The time × channel heat map, first channel at the top, with a colour legend in score units under it. */
export function channelHeatmapOption({
  channelScores,
  length,
  channelNames,
  range,
  bins,
  scale = "linear",
  samplingRate,
}: HeatmapInput): HeatmapOption {
  const columns = heatColumns(channelScores, length, range, bins);
  const at = scale === "symlog" ? symlog : (v: number) => v;
  const back = scale === "symlog" ? symexp : (v: number) => v;
  const data: HeatCell[] = columns.flatMap((col) =>
    col.parts.map((part, c): HeatCell => [col.from, col.to, c, at(part), col.peak, part, col.total]),
  );
  let min = Infinity;
  let max = -Infinity;
  for (const cell of data) [min, max] = [Math.min(min, cell[3]), Math.max(max, cell[3])];
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (max === min) max = min + 1;
  const names = columns[0]?.parts.map((_, c) => channelNames[c] ?? `channel ${c + 1}`) ?? [...channelNames];
  const L = HEATMAP_LAYOUT;
  const time = stepAxis(range, samplingRate);
  const instant = (step: number) => (samplingRate && samplingRate > 0 ? formatInstant(step, samplingRate) : `step ${formatValue(step)}`);
  return {
    animation: false,
    grid: { left: L.left, right: L.right, top: L.top, bottom: L.bottom },
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const cell = (p as { data?: HeatCell }).data;
        if (!cell) return "";
        const [from, to, c, , peak, part, total] = cell;
        const span = to - from > 1 ? `${instant(from)} to ${instant(to - 1)}<br/>` : "";
        return `<b>${names[c] ?? ""}</b><br/>${span}at ${instant(peak)}: ${formatValue(part)} of the score ${formatValue(total)}`;
      },
    },
    xAxis: {
      type: "value",
      // The score plot's visible range: its points sit on the steps from range.from to range.to − 1.
      min: range.from,
      max: Math.max(range.from + 1, range.to - 1),
      name: time.name,
      nameLocation: "middle",
      nameGap: 22,
      axisLabel: time.axisLabel,
      splitLine: { show: false },
    },
    yAxis: {
      type: "category",
      data: names,
      inverse: true,
      axisLabel: { fontSize: 10, width: L.left - 8, overflow: "truncate" },
      axisTick: { show: false },
    },
    visualMap: {
      type: "continuous",
      min,
      max,
      dimension: 3,
      calculable: false,
      orient: "horizontal",
      right: L.right,
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      // Short, so that it fits beside the bar on a phone; the title above the map says what the values are.
      text: [formatValue(back(max), 3), `NLL ${formatValue(back(min), 3)}`],
      textStyle: { fontSize: 10 },
      inRange: { color: HEAT_COLORS },
    },
    series: [
      {
        type: "custom",
        name: "channel contribution",
        data,
        encode: { x: [0, 1], y: 2, tooltip: [3] },
        clip: true,
        renderItem: (params, api) => {
          const grid = (params as unknown as { coordSys: Rect }).coordSys;
          const rect = cellRect(api as unknown as RenderApi, grid);
          return rect ? { type: "rect", shape: rect, style: { fill: String(api.visual("color")) } } : null;
        },
      },
    ],
  };
}

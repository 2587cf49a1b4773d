/**
 * Where the anomaly is: each channel's part of the anomaly score over time, as a heat map of time ×
 * channel. A step's score is the sum over channels of each channel's negative log-likelihood
 * (docs/algorithms.md, scoring), stored per channel with the score (Score.channelData, channel-major:
 * channel c's step t at c·length + t). The visible steps are cut into at most `bins` columns; each
 * cell is the channel's NLL at its column's peak step (the step where the summed score is highest),
 * so a column's cells add up to the score there and the channel that drives an alarm is the dark
 * cell under it. Pure; the option is ECharts' (category axes, as its heat map requires).
 */
import type { HeatmapSeriesOption } from "echarts/charts";
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { formatStep, formatValue } from "../format";
import { symexp, symlog, type ScoreScale } from "./symlog";

export type HeatmapOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>;

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
};

/** The heat map's height in pixels for this many channels. */
export function heatmapHeight(channels: number): number {
  return HEATMAP_LAYOUT.top + Math.max(1, channels) * HEATMAP_LAYOUT.rowHeight + HEATMAP_LAYOUT.bottom;
}

/** The time × channel heat map, first channel at the top, with a colour legend in score units under it. */
export function channelHeatmapOption({ channelScores, length, channelNames, range, bins, scale = "linear" }: HeatmapInput): HeatmapOption {
  const columns = heatColumns(channelScores, length, range, bins);
  const at = scale === "symlog" ? symlog : (v: number) => v;
  const back = scale === "symlog" ? symexp : (v: number) => v;
  const data = columns.flatMap((col, x) => col.parts.map((part, c) => [x, c, at(part)] as [number, number, number]));
  let min = Infinity;
  let max = -Infinity;
  for (const [, , v] of data) [min, max] = [Math.min(min, v), Math.max(max, v)];
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (max === min) max = min + 1;
  const names = columns[0]?.parts.map((_, c) => channelNames[c] ?? `channel ${c + 1}`) ?? [...channelNames];
  const L = HEATMAP_LAYOUT;
  return {
    animation: false,
    grid: { left: L.left, right: L.right, top: L.top, bottom: L.bottom },
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const [x, c] = ((p as { data?: number[] }).data ?? []) as [number, number];
        const col = columns[x];
        if (!col) return "";
        const part = col.parts[c] ?? 0;
        return `<b>${names[c] ?? ""}</b><br/>steps ${formatStep(col.from)}–${formatStep(col.to)}<br/>at step ${formatStep(col.peak)}: ${formatValue(part)} of the score ${formatValue(col.total)}`;
      },
    },
    xAxis: {
      type: "category",
      data: columns.map((c) => String(c.from)),
      name: "step",
      nameLocation: "middle",
      nameGap: 22,
      axisLabel: { formatter: (v: string) => formatStep(Number(v)), hideOverlap: true },
      axisTick: { show: false },
      splitArea: { show: false },
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
        type: "heatmap",
        name: "channel contribution",
        data,
        emphasis: { disabled: true },
        progressive: 0,
      },
    ],
  };
}

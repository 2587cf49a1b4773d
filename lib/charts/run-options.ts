/**
 * ECharts options for runs, built by pure functions so they can be tested in Node: the loss curves
 * of training, and one sequence's anomaly score with the thresholds and, once the refined threshold
 * has one, its optimal interval as a band — on the app's h:mm:ss time axis, the wheel zooming, a drag
 * selecting a stretch to zoom to (components/charts/use-drag-zoom.ts) and the score drawn in the zoom
 * slider as its overview.
 */
import { bandArea, bandValues, type ThresholdInterval } from "./threshold-band";
import { formatThreshold } from "../labelling/labels";
import { scoreAxisRange, thresholdLabelPositions } from "./label-options";
import { escapeHtml } from "./sequence-options";
import { formatStep, formatValue } from "../format";
import { chartPalette, labelPlate, type ColorScheme } from "./theme";
import { formatClock, formatInstant } from "./time-format";
import type { StepWindow } from "./zoom";

type TooltipItem = { seriesName?: string; value?: unknown; marker?: unknown };

/**
 * An axis tooltip with rounded numbers: the x value as a step (thousands grouped), an epoch, or — with
 * "time" and the sampling rate, x in seconds — as h:mm:ss with its step; then each series' value to
 * 4 significant digits — never `-16.24398422241211`.
 */
export function roundedTooltip(xName: "step" | "epoch" | "time", samplingRate = 1) {
  return (params: unknown): string => {
    const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
    const first = items[0]?.value;
    const x = Array.isArray(first) ? Number(first[0]) : Number.NaN;
    const head = xName === "time" ? formatInstant(Math.round(x * samplingRate), samplingRate) : `${xName} ${formatStep(x)}`;
    const lines = items.map((item) => {
      const y = Array.isArray(item.value) ? item.value[1] : null;
      const marker = typeof item.marker === "string" ? item.marker : "";
      return `${marker}${escapeHtml(item.seriesName ?? "")} <b>${formatValue(typeof y === "number" ? y : null)}</b>`;
    });
    return [head, ...lines].join("<br/>");
  };
}

export type LossPoint = { epoch: number; trainLoss: number; valLoss: number | null };

export function lossChartOptions(epochs: LossPoint[]) {
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 30, bottom: 40 },
    legend: { data: ["train", "validation"], top: 0 },
    tooltip: { trigger: "axis", formatter: roundedTooltip("epoch") },
    xAxis: { type: "value", name: "epoch", nameLocation: "middle", nameGap: 25, minInterval: 1 },
    yAxis: { type: "value", name: "loss", scale: true },
    series: [
      { name: "train", type: "line", showSymbol: false, data: epochs.map((e) => [e.epoch, e.trainLoss]) },
      { name: "validation", type: "line", showSymbol: false, data: epochs.map((e) => [e.epoch, e.valLoss]) },
    ],
  };
}

export type ThresholdLine = { label: string; value: number; dimmed?: boolean };

/**
 * Score per step (x = step index, or seconds on an h:mm:ss axis when samplingRate is given) with
 * horizontal threshold lines, and the refined threshold's optimal interval shaded when `band` is given.
 * The y axis fits the steps in view (the zoom filters the rest out) and keeps every line and the band's
 * upper end in view.
 */
export function scoreChartOptions(
  score: ArrayLike<number>,
  thresholds: ThresholdLine[],
  samplingRate?: number,
  band: ThresholdInterval | null = null,
  scheme: ColorScheme = "light",
  window: StepWindow | null = null,
) {
  const palette = chartPalette(scheme);
  // The zoom window to open with (steps, `to` exclusive), in the x axis's units.
  const x = (step: number) => (samplingRate ? step / samplingRate : step);
  const opening = window ? { startValue: x(window.from), endValue: x(window.to - 1) } : {};
  const lines = thresholds.map((t) => t.value);
  const data: [number, number][] = [];
  for (let i = 0; i < score.length; i++) data.push([samplingRate ? i / samplingRate : i, score[i] ?? NaN]);
  const span = samplingRate ? 16 / samplingRate : 16;
  const positions = thresholdLabelPositions(thresholds.map((t) => ({ y: t.value, dimmed: t.dimmed })));
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 78 },
    tooltip: { trigger: "axis", formatter: samplingRate ? roundedTooltip("time", samplingRate) : roundedTooltip("step") },
    dataZoom: [
      { type: "inside", moveOnMouseMove: false, minValueSpan: span, ...opening },
      {
        type: "slider",
        ...opening,
        height: 36,
        bottom: 6,
        showDataShadow: true,
        brushSelect: false,
        minValueSpan: span,
        labelFormatter: samplingRate ? (v: number) => formatClock(v) : undefined,
      },
    ],
    xAxis: {
      type: "value",
      name: samplingRate ? "time (h:mm:ss)" : "step",
      nameLocation: "middle",
      nameGap: 25,
      min: "dataMin",
      max: "dataMax",
      axisLabel: samplingRate ? { formatter: (v: number) => formatClock(v), hideOverlap: true } : undefined,
    },
    yAxis: { type: "value", name: "score", scale: true, ...scoreAxisRange([...lines, ...bandValues(band)], lines) },
    series: [
      {
        name: "anomaly score",
        type: "line",
        showSymbol: false,
        sampling: "lttb",
        color: palette.channels[0],
        data,
        markLine: {
          symbol: "none",
          silent: true,
          data: thresholds.map((t, i) => ({
            yAxis: t.value,
            name: t.label,
            label: {
              formatter: `${t.label} ${formatThreshold(t.value)}`,
              position: positions[i],
              color: t.dimmed ? palette.dimmed : palette.threshold,
              ...labelPlate(palette),
            },
            lineStyle: {
              type: t.dimmed ? "dotted" : "dashed",
              opacity: t.dimmed ? 0.6 : 1,
              color: t.dimmed ? palette.dimmed : palette.threshold,
            },
          })),
        },
        markArea: band ? { silent: true, data: [bandArea(band, undefined, undefined, scheme)] } : undefined,
      },
    ],
  };
}

/** A small score plot for a list row: no axes, the threshold as a dashed line. */
export function sparklineOptions(score: ArrayLike<number>, threshold: number | null, scheme: ColorScheme = "light") {
  const palette = chartPalette(scheme);
  const data: [number, number][] = [];
  for (let i = 0; i < score.length; i++) data.push([i, score[i] ?? NaN]);
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: "value", show: false, min: "dataMin", max: "dataMax" },
    yAxis: { type: "value", show: false, scale: true },
    series: [
      {
        type: "line",
        showSymbol: false,
        sampling: "lttb",
        lineStyle: { width: 1 },
        color: palette.channels[0],
        data,
        markLine:
          threshold === null
            ? undefined
            : {
                symbol: "none",
                silent: true,
                label: { show: false },
                data: [{ yAxis: threshold }],
                lineStyle: { type: "dashed", color: palette.threshold },
              },
      },
    ],
  };
}

/**
 * ECharts options for runs, built by pure functions so they can be tested in Node: the loss curves
 * of training, and one sequence's anomaly score with the thresholds and, once the refined threshold
 * has one, its optimal interval as a band.
 */
import { bandArea, bandValues, type ThresholdInterval } from "./threshold-band";
import { formatThreshold } from "../labelling/labels";
import { scoreAxisRange } from "./label-options";
import { escapeHtml } from "./sequence-options";
import { formatStep, formatValue } from "../format";

type TooltipItem = { seriesName?: string; value?: unknown; marker?: unknown };

/**
 * An axis tooltip with rounded numbers: the x value as a step (thousands grouped) or in seconds,
 * then each series' value to 4 significant digits — never `-16.24398422241211`.
 */
export function roundedTooltip(xName: "step" | "seconds" | "epoch") {
  return (params: unknown): string => {
    const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
    const first = items[0]?.value;
    const x = Array.isArray(first) ? Number(first[0]) : Number.NaN;
    const head = `${xName} ${xName === "seconds" ? formatValue(x) : formatStep(x)}`;
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
 * Score per step (x = step index, or seconds when samplingRate is given) with horizontal threshold
 * lines, and the refined threshold's optimal interval shaded when `band` is given. The axis keeps
 * every line and the band's upper end in view.
 */
export function scoreChartOptions(
  score: ArrayLike<number>,
  thresholds: ThresholdLine[],
  samplingRate?: number,
  band: ThresholdInterval | null = null,
) {
  const lines = thresholds.map((t) => t.value);
  const data: [number, number][] = [];
  for (let i = 0; i < score.length; i++) data.push([samplingRate ? i / samplingRate : i, score[i] ?? NaN]);
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    tooltip: { trigger: "axis", formatter: roundedTooltip(samplingRate ? "seconds" : "step") },
    dataZoom: [{ type: "inside" }, { type: "slider", height: 16, bottom: 4 }],
    xAxis: { type: "value", name: samplingRate ? "seconds" : "step", nameLocation: "middle", nameGap: 25, min: "dataMin", max: "dataMax" },
    yAxis: { type: "value", name: "score", scale: true, ...scoreAxisRange([...lines, ...bandValues(band)], lines) },
    series: [
      {
        name: "anomaly score",
        type: "line",
        showSymbol: false,
        sampling: "lttb",
        data,
        markLine: {
          symbol: "none",
          silent: true,
          data: thresholds.map((t) => ({
            yAxis: t.value,
            name: t.label,
            label: { formatter: `${t.label} ${formatThreshold(t.value)}`, position: "insideEndTop" },
            lineStyle: { type: t.dimmed ? "dotted" : "dashed", opacity: t.dimmed ? 0.45 : 1, color: t.dimmed ? "#888" : "#c0392b" },
          })),
        },
        markArea: band ? { silent: true, data: [bandArea(band)] } : undefined,
      },
    ],
  };
}

/** A small score plot for a list row: no axes, the threshold as a dashed line. */
export function sparklineOptions(score: ArrayLike<number>, threshold: number | null) {
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
        data,
        markLine:
          threshold === null
            ? undefined
            : {
                symbol: "none",
                silent: true,
                label: { show: false },
                data: [{ yAxis: threshold }],
                lineStyle: { type: "dashed", color: "#c0392b" },
              },
      },
    ],
  };
}

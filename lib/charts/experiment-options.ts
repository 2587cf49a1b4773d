/**
 * The experiment figure as in the paper, built by a pure function: a metric (F1 by default) against
 * the label budget, one line per query strategy with a ± std band, and the two baselines as labelled
 * horizontal lines (unsupervised dashed, best dotted) — for one stage and one mislabel rate.
 * Type-only imports from echarts, so this runs (and is tested) in Node.
 */
import type { LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { chartPalette, type ColorScheme } from "./theme";
import { BASELINES, type Baseline, type ExperimentReport } from "../eval/report";
import { isBaseline, METRIC_LABEL, metricOf, strategiesOf, type Metric, type NullableStat, type Selection } from "./experiment-rows";
import { isStrategyName, STRATEGY_INFO } from "../query/registry";
import { escapeHtml } from "./sequence-options";

export type ExperimentChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

const FALLBACK_COLORS = ["#15803d", "#0369a1", "#a16207", "#4d7c0f", "#9f1239"] as const;

/** Labels right of the plot: "oracle" and "best" above their lines, "unsupervised" below, so equal values stay readable. */
export const BASELINE_STYLE: Record<Baseline, { color: string; type: "dashed" | "dotted"; label: string; offset: [number, number] }> = {
  unsupervised: { color: "#5b6676", type: "dashed", label: "unsupervised", offset: [0, 8] },
  best: { color: "#111a2b", type: "dotted", label: "best", offset: [0, -8] },
  oracle: { color: "#9a3412", type: "dotted", label: "oracle", offset: [0, -22] },
};

/** The baselines' colours on the dark scheme (the light ones are near-black and dark brown). */
const DARK_BASELINE_COLORS: Record<Baseline, string> = {
  unsupervised: chartPalette("dark").muted,
  best: chartPalette("dark").text,
  oracle: "#fb923c",
};

function baselineColor(baseline: Baseline, scheme: ColorScheme): string {
  return scheme === "dark" ? DARK_BASELINE_COLORS[baseline] : BASELINE_STYLE[baseline].color;
}

export function strategyColor(strategy: string, index: number): string {
  // A report may name a strategy the registry no longer has: it gets a fallback colour.
  const known = isStrategyName(strategy) ? STRATEGY_INFO[strategy].color : undefined;
  return known ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length] ?? "#333";
}

export type CurvePoint = { budget: number; mean: number | null; std: number | null; n: number };

/** One strategy's points at a stage and mislabel rate, by budget. */
export function strategyCurve(report: ExperimentReport, strategy: string, selection: Selection): CurvePoint[] {
  return report.rows
    .filter((r) => r.strategy === strategy && r.stage === selection.stage && r.mislabel === selection.mislabel && r.budget !== null)
    .map((r) => ({ budget: r.budget ?? 0, n: r.n, ...metricOf(r, selection.metric) }))
    .sort((a, b) => a.budget - b.budget);
}

/** The baselines' value at a stage (their rows have no budget and no mislabel rate). */
export function baselineStats(
  report: ExperimentReport,
  stage: number,
  metric: Metric,
): Partial<Record<Baseline, NullableStat & { n: number }>> {
  const out: Partial<Record<Baseline, NullableStat & { n: number }>> = {};
  for (const row of report.rows) {
    if (row.stage === stage && isBaseline(row.strategy)) out[row.strategy as Baseline] = { ...metricOf(row, metric), n: row.n };
  }
  return out;
}

/** The budgets of a stage's strategy rows (cumulative over stages), ascending: the x axis's ticks. */
export function stageBudgets(report: ExperimentReport, stage: number): number[] {
  const budgets = report.rows.flatMap((r) => (r.stage === stage && r.budget !== null ? [r.budget] : []));
  return [...new Set(budgets.length > 0 ? budgets : report.settings.budgets)].sort((a, b) => a - b);
}

/**
 * The budgets drawn at a stage: those of the stage's strategy rows (budgets are cumulative over
 * stages), or the settings' before any row exists; never an empty range.
 */
export function budgetRange(report: ExperimentReport, stage: number): { min: number; max: number } {
  const budgets = stageBudgets(report, stage);
  const min = budgets[0] ?? 0;
  const max = budgets.at(-1) ?? 1;
  return min === max ? { min: Math.max(0, min - 1), max: max + 1 } : { min, max };
}

const bounded = (metric: Metric) => metric !== "delay";

function band(point: CurvePoint, metric: Metric): { lower: number | null; width: number | null } {
  if (point.mean === null) return { lower: null, width: null };
  const std = point.std ?? 0;
  const lower = Math.max(0, point.mean - std);
  const upper = bounded(metric) ? Math.min(1, point.mean + std) : point.mean + std;
  return { lower, width: Math.max(0, upper - lower) };
}

function strategySeries(strategy: string, color: string, curve: CurvePoint[]): LineSeriesOption {
  return {
    id: `strategy:${strategy}`,
    name: strategy,
    type: "line",
    z: 3,
    color,
    symbol: "circle",
    symbolSize: 7,
    lineStyle: { width: strategy === "dqs" ? 3 : 2 },
    connectNulls: false,
    data: curve.map((p) => ({ value: [p.budget, p.mean], std: p.std, n: p.n })),
  };
}

/** The ± std band: an invisible lower line and, stacked on it, the band's width filled. */
function bandSeries(strategy: string, color: string, curve: CurvePoint[], metric: Metric): LineSeriesOption[] {
  const common = {
    name: strategy,
    type: "line",
    stack: `band:${strategy}`,
    symbol: "none",
    silent: true,
    z: 1,
    lineStyle: { opacity: 0 },
    emphasis: { disabled: true },
  } as const;
  const bands = curve.map((p) => ({ budget: p.budget, ...band(p, metric) }));
  return [
    { ...common, id: `band-lower:${strategy}`, data: bands.map((b) => [b.budget, b.lower]) },
    { ...common, id: `band-width:${strategy}`, areaStyle: { color, opacity: 0.1 }, data: bands.map((b) => [b.budget, b.width]) },
  ];
}

function baselineSeries(baseline: Baseline, value: number, range: { min: number; max: number }, scheme: ColorScheme): LineSeriesOption {
  const style = { ...BASELINE_STYLE[baseline], color: baselineColor(baseline, scheme) };
  return {
    id: `baseline:${baseline}`,
    name: style.label,
    type: "line",
    z: 2,
    color: style.color,
    symbol: "none",
    silent: true,
    lineStyle: { type: style.type, width: 2 },
    endLabel: { show: true, formatter: `${style.label} ${value.toFixed(2)}`, color: style.color, fontSize: 12, offset: style.offset },
    data: [
      [range.min, value],
      [range.max, value],
    ],
  };
}

type TooltipParam = { seriesId?: string; seriesName?: string; color?: unknown; data?: unknown; axisValue?: unknown };

function tooltipFormatter(baselines: Partial<Record<Baseline, NullableStat & { n: number }>>, digits: number, scheme: ColorScheme) {
  const stat = (mean: number | null, std: number | null) =>
    mean === null ? "—" : `${mean.toFixed(digits)}${std === null ? "" : ` ± ${std.toFixed(digits)}`}`;
  return (raw: unknown): string => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const lines = params
      .filter((p) => p.seriesId?.startsWith("strategy:"))
      .map((p) => {
        const d = p.data as { value: [number, number | null]; std: number | null; n: number };
        const dot = `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${escapeHtml(String(p.color ?? "#999"))}"></span>`;
        return `${dot}${escapeHtml(p.seriesName ?? "")} <b>${stat(d.value[1], d.std)}</b> <span style="color:${chartPalette(scheme).muted}">n=${d.n}</span>`;
      });
    for (const b of BASELINES) {
      const s = baselines[b];
      if (s) lines.push(`${BASELINE_STYLE[b].label} <b>${stat(s.mean, s.std)}</b>`);
    }
    return [`budget <b>${escapeHtml(String(params[0]?.axisValue ?? ""))}</b>`, ...lines].join("<br/>");
  };
}

/** The figure for one stage, mislabel rate and metric. */
export function buildExperimentOption(
  report: ExperimentReport,
  selection: Selection,
  scheme: ColorScheme = "light",
): ExperimentChartOption {
  const { metric } = selection;
  const strategies = strategiesOf(report);
  const range = budgetRange(report, selection.stage);
  const ticks = stageBudgets(report, selection.stage);
  const curves = strategies.map((s, i) => ({ strategy: s, color: strategyColor(s, i), curve: strategyCurve(report, s, selection) }));
  const baselines = baselineStats(report, selection.stage, metric);
  const drawnBaselines = BASELINES.flatMap((b) => {
    const mean = baselines[b]?.mean;
    return mean === null || mean === undefined ? [] : [baselineSeries(b, mean, range, scheme)];
  });
  const digits = metric === "delay" ? 1 : 3;
  return {
    animation: false,
    grid: { left: 64, right: 132, top: 44, bottom: 52 },
    legend: { top: 4, left: 56, data: [...strategies, ...drawnBaselines.map((s) => String(s.name))] },
    tooltip: { trigger: "axis", formatter: tooltipFormatter(baselines, digits, scheme) },
    xAxis: {
      type: "value",
      name: "Budget (labelled queries)",
      nameLocation: "middle",
      nameGap: 30,
      min: range.min,
      max: range.max,
      minInterval: 1,
      // Ticks and labels at the budgets that were run, as in the paper's figures.
      axisTick: { customValues: ticks },
      axisLabel: { customValues: ticks },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      name: METRIC_LABEL[metric],
      nameLocation: "middle",
      nameGap: 44,
      min: 0,
      max: bounded(metric) ? 1 : undefined,
    },
    series: [
      ...curves.map((c) => strategySeries(c.strategy, c.color, c.curve)),
      ...drawnBaselines,
      ...curves.flatMap((c) => bandSeries(c.strategy, c.color, c.curve, metric)),
    ],
  };
}

/** Whether the selection has anything to draw (a running experiment may have no rows yet). */
export function hasCurves(report: ExperimentReport, selection: Selection): boolean {
  return strategiesOf(report).some((s) => strategyCurve(report, s, selection).some((p) => p.mean !== null));
}

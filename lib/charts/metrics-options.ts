/**
 * ECharts options of a run's metrics page, built by pure functions so they can be tested in Node:
 * test F1 against the threshold (a step function, with the unsupervised, refined and best
 * thresholds marked), and the labels' threshold with its test F1 step by step as labels came in.
 */
import { formatValue } from "../format";
import type { CurvePoint, HistoryStep } from "../runs/metrics";

export type MarkedThreshold = { name: "unsupervised" | "refined" | "best" | "manual"; value: number; f1: number };

/** One colour per threshold, the same in the chart and the table. */
export const THRESHOLD_COLOURS: Record<MarkedThreshold["name"], string> = {
  unsupervised: "#6b7280",
  refined: "#c0392b",
  best: "#1e7f4f",
  manual: "#8e44ad",
};

/**
 * A log axis when every value is positive and they span more than a factor of 20 (scores are
 * negative log-likelihoods: a few large peaks would squash the rest), else a linear one.
 */
export function thresholdAxisType(values: readonly number[]): "log" | "value" {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return "value";
  const min = Math.min(...finite);
  return min > 0 && Math.max(...finite) / min > 20 ? "log" : "value";
}

/**
 * The curve as drawn: each point's F1 holds from just above the previous point up to it (ECharts'
 * step "start"), and one point past the highest, where nothing alarms any more (F1 0).
 */
export function curveData(curve: readonly CurvePoint[], axis: "log" | "value"): [number, number][] {
  const last = curve.at(-1);
  if (!last) return [];
  const first = curve[0]?.threshold ?? last.threshold;
  const beyond = axis === "log" ? last.threshold * 1.25 : last.threshold + Math.max(1e-9, (last.threshold - first) * 0.05);
  return [...curve.map((p): [number, number] => [p.threshold, p.f1]), [beyond, 0]];
}

/**
 * How a mark's label lines up with its line: to the left of a line near the axis's right end and to
 * the right of one near its left end, so that no label runs off the chart.
 */
export function labelAlign(value: number, min: number, max: number, axis: "log" | "value"): "left" | "center" | "right" {
  const at = (v: number) => (axis === "log" ? Math.log(v) : v);
  const span = at(max) - at(min);
  const fraction = span > 0 ? (at(value) - at(min)) / span : 0.5;
  return fraction > 0.8 ? "right" : fraction < 0.2 ? "left" : "center";
}

export function f1CurveOptions(curve: readonly CurvePoint[], marks: readonly MarkedThreshold[]) {
  const axis = thresholdAxisType([...curve.map((p) => p.threshold), ...marks.map((m) => m.value)]);
  const data = curveData(curve, axis);
  const xs = [...data.map((d) => d[0]), ...marks.map((m) => m.value)];
  const [min, max] = [Math.min(...xs), Math.max(...xs)];
  return {
    animation: false,
    grid: { left: 56, right: 28, top: 86, bottom: 48 },
    legend: { top: 0, data: ["test F1", ...marks.map((m) => m.name)] },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const item = (Array.isArray(params) ? params[0] : params) as { value?: unknown } | undefined;
        const v = Array.isArray(item?.value) ? (item.value as number[]) : [];
        return `threshold ≤ ${formatValue(v[0])}<br/>test F1 <b>${formatValue(v[1], 3)}</b>`;
      },
    },
    xAxis: {
      type: axis,
      name: axis === "log" ? "threshold (score, log scale)" : "threshold (score)",
      nameLocation: "middle",
      nameGap: 28,
      min,
      max,
      axisLabel: { formatter: (v: number) => formatValue(v, 3) },
    },
    yAxis: { type: "value", name: "F1 on the test split", min: 0, max: 1 },
    series: [
      {
        name: "test F1",
        type: "line",
        step: "start",
        showSymbol: false,
        data,
        lineStyle: { color: "#2563eb", width: 2 },
        itemStyle: { color: "#2563eb" },
      },
      // One series per threshold, so each has a legend entry of its colour; its vertical line and label
      // are a markLine, its F1 a dot on the curve (a one-point line: only line charts are registered).
      ...marks.map((m, i) => ({
        name: m.name,
        type: "line",
        symbol: "circle",
        symbolSize: 10,
        showSymbol: true,
        data: [[m.value, m.f1]],
        itemStyle: { color: THRESHOLD_COLOURS[m.name] },
        markLine: {
          symbol: "none",
          silent: true,
          data: [{ xAxis: m.value }],
          lineStyle: { color: THRESHOLD_COLOURS[m.name], type: m.name === "best" ? "solid" : "dashed", width: 1.5 },
          label: {
            formatter: `${m.name} ${formatValue(m.value)} · F1 ${m.f1.toFixed(2)}`,
            // Above the line's top end, level, one row per threshold so nearby ones do not overlap.
            position: "end",
            color: THRESHOLD_COLOURS[m.name],
            fontWeight: "bold",
            align: labelAlign(m.value, min, max, axis),
            distance: [0, 4 + 15 * i],
          },
        },
      })),
    ],
  };
}

/** The labels' threshold (left axis) and its test F1 (right axis) after each stored change. */
export function historyOptions(steps: readonly HistoryStep[]) {
  const thresholds = steps.map((s) => s.threshold);
  const axis = thresholdAxisType(thresholds);
  return {
    animation: false,
    grid: { left: 64, right: 56, top: 40, bottom: 48 },
    legend: { top: 0, data: ["labels' threshold", "test F1"] },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as { dataIndex?: number }[];
        const s = steps[items[0]?.dataIndex ?? -1];
        if (!s) return "";
        const where = s.step === 0 ? "before any label" : `after change ${s.step}${s.batch !== null ? ` (batch ${s.batch})` : ""}`;
        return [
          `${where} · ${s.labelCount} label${s.labelCount === 1 ? "" : "s"}`,
          `${s.refined ? "refined" : "unsupervised"} threshold <b>${formatValue(s.threshold)}</b>`,
          `test F1 <b>${s.test ? s.test.f1.toFixed(2) : "—"}</b>`,
        ].join("<br/>");
      },
    },
    xAxis: { type: "value", name: "change (one per label, undo or resolution)", nameLocation: "middle", nameGap: 28, minInterval: 1 },
    yAxis: [
      { type: axis, name: "threshold (score)", scale: true, axisLabel: { formatter: (v: number) => formatValue(v, 3) } },
      { type: "value", name: "test F1", min: 0, max: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: "labels' threshold",
        type: "line",
        step: "end",
        data: steps.map((s) => [s.step, s.threshold]),
        itemStyle: { color: THRESHOLD_COLOURS.refined },
      },
      {
        name: "test F1",
        type: "line",
        step: "end",
        yAxisIndex: 1,
        data: steps.map((s) => [s.step, s.test?.f1 ?? null]),
        itemStyle: { color: "#2563eb" },
      },
    ],
  };
}

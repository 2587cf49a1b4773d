/**
 * ECharts option of one channel of a counterfactual (lib/runs/counterfactuals.ts): the observed
 * values around the stretch as a solid line, the counterfactual over the stretch as a dashed line,
 * the stretch shaded. Pure, type-only imports from echarts.
 */
import type { LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, MarkAreaComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";

export type CounterfactualChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | MarkAreaComponentOption | TooltipComponentOption
>;

export type CounterfactualChartInput = {
  name: string;
  /** Observed values of steps [from, from + observed.length). */
  from: number;
  observed: ArrayLike<number>;
  /** The stretch [start, end) and its counterfactual values (end − start of them). */
  start: number;
  end: number;
  counterfactual: readonly number[];
  color: string;
};

export const COUNTERFACTUAL_LABEL = "what normal would look like here";

export function counterfactualOption(input: CounterfactualChartInput): CounterfactualChartOption {
  const observed = Array.from(input.observed, (v, i) => [input.from + i, v]);
  const counterfactual = input.counterfactual.map((v, i) => [input.start + i, v]);
  return {
    animation: false,
    grid: { top: 22, bottom: 22, left: 56, right: 12 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", min: input.from, max: input.from + Math.max(0, input.observed.length - 1) },
    yAxis: { type: "value", scale: true, name: input.name, nameTextStyle: { align: "left" } },
    series: [
      {
        type: "line",
        name: `${input.name} (observed)`,
        data: observed,
        showSymbol: false,
        lineStyle: { color: input.color, width: 1.5 },
        itemStyle: { color: input.color },
        markArea: { silent: true, itemStyle: { opacity: 0.12 }, data: [[{ xAxis: input.start }, { xAxis: input.end - 1 }]] },
      },
      {
        type: "line",
        name: `${input.name}: ${COUNTERFACTUAL_LABEL}`,
        data: counterfactual,
        showSymbol: false,
        lineStyle: { color: input.color, width: 2, type: "dashed" },
        itemStyle: { color: input.color },
      },
    ],
  };
}

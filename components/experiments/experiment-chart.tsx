"use client";

import { useCallback, useMemo, useState } from "react";
import { buildExperimentOption } from "@/lib/charts/experiment-options";
import { useColorScheme } from "@/components/charts/use-color-scheme";
import type { Selection } from "@/lib/charts/experiment-rows";
import type { ExperimentReport } from "@/lib/eval/report";
import { EChart } from "../charts/echart";
import type { EChartsType } from "../charts/echarts-core";

type Drawn = { strategies: string; baselines: string };

/** What the chart really drew, for tests and screen readers: the strategy lines and the baselines. */
function drawnSeries(chart: EChartsType): Drawn {
  const series = (chart.getOption() as { series?: { id?: string; name?: string }[] }).series ?? [];
  const names = (prefix: string) =>
    series
      .filter((s) => String(s.id).startsWith(prefix))
      .map((s) => String(s.name))
      .join(",");
  return { strategies: names("strategy:"), baselines: names("baseline:") };
}

export function ExperimentChart({ report, selection }: { report: ExperimentReport; selection: Selection }) {
  const scheme = useColorScheme();
  const option = useMemo(() => buildExperimentOption(report, selection, scheme), [report, selection, scheme]);
  const [drawn, setDrawn] = useState<Drawn>({ strategies: "", baselines: "" });
  const onRendered = useCallback((chart: EChartsType) => {
    const next = drawnSeries(chart);
    setDrawn((prev) => (prev.strategies === next.strategies && prev.baselines === next.baselines ? prev : next));
  }, []);
  return (
    <EChart
      option={option}
      // A new selection replaces the series instead of merging into the previous ones.
      resetKey={`${selection.stage}|${selection.mislabel}|${selection.metric}`}
      onRendered={onRendered}
      className="exp-chart"
      testId="exp.chart"
      data={{
        "data-strategies": drawn.strategies,
        "data-baselines": drawn.baselines,
        "data-stage": selection.stage,
        "data-mislabel": selection.mislabel,
        "data-metric": selection.metric,
      }}
    />
  );
}

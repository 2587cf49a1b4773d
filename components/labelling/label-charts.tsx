"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { EChart, type EChartEvents } from "@/components/charts/echart";
import type { EChartsType } from "@/components/charts/echarts-core";
import { ChannelToggles } from "@/components/datasets/viewer-parts";
import type { PlotChannel } from "@/lib/charts/series-data";
import type { ThresholdInterval } from "@/lib/charts/threshold-band";
import {
  channelsHeight,
  fitScoreAxis,
  labelChannelsOption,
  labelScoreOption,
  type StepRange,
  type ThresholdMark,
} from "@/lib/charts/label-options";

type Props = {
  queryId: string;
  channelNames: string[];
  channels: PlotChannel[] | null;
  score: Float32Array | null;
  context: StepRange;
  candidate: StepRange;
  onset: number | null;
  thresholds: ThresholdMark[];
  /** The refined threshold's optimal interval, shaded on the score (null: none). */
  band?: ThresholdInterval | null;
  /** A click on a plot, as the step under the pointer. */
  onPick: (step: number) => void;
};

type ZrClick = { offsetX: number; offsetY: number };

/** Registers one click handler per chart instance that turns the pointer into a step. */
function useStepClicks(onPick: (step: number) => void) {
  const pick = useRef(onPick);
  const bound = useRef(new WeakSet<EChartsType>());
  useEffect(() => {
    pick.current = onPick;
  });
  return (chart: EChartsType) => {
    if (bound.current.has(chart)) return;
    bound.current.add(chart);
    chart.getZr().on("click", (event) => {
      const { offsetX, offsetY } = event as unknown as ZrClick;
      const grids = (chart.getOption().grid as unknown[] | undefined)?.length ?? 1;
      for (let gridIndex = 0; gridIndex < grids; gridIndex++) {
        if (!chart.containPixel({ gridIndex }, [offsetX, offsetY])) continue;
        const [x] = chart.convertFromPixel({ gridIndex }, [offsetX, offsetY]) as number[];
        if (x !== undefined && Number.isFinite(x)) pick.current(Math.round(x));
        return;
      }
    });
  };
}

/** The anomaly score and, under it, the raw channels (hide/show) on one zoom, the candidate shaded, the onset marked. */
export function LabelCharts({ queryId, channelNames, channels, score, context, candidate, onset, thresholds, band = null, onPick }: Props) {
  const [visible, setVisible] = useState<boolean[]>(() => channelNames.map(() => true));
  const [zoom, setZoom] = useState<{ queryId: string; view: StepRange } | null>(null);
  const view = zoom?.queryId === queryId ? zoom.view : context;
  const onRendered = useStepClicks(onPick);

  const shown = useMemo(() => (channels ?? []).filter((c) => visible[c.index ?? 0] !== false), [channels, visible]);
  const channelOption = useMemo(
    () => labelChannelsOption({ channels: shown, context, candidate, onset, view }),
    [shown, context, candidate, onset, view],
  );
  const scoreOption = useMemo(
    () => labelScoreOption({ score: score ?? [], context, candidate, onset, thresholds, view, band }),
    [score, context, candidate, onset, thresholds, view, band],
  );
  const onEvents = useMemo<EChartEvents>(
    () => ({
      datazoom: (_params, chart) => {
        const dz = (chart.getOption().dataZoom as { startValue?: number; endValue?: number }[] | undefined)?.[0];
        if (dz?.startValue === undefined || dz.endValue === undefined) return;
        const next = { from: Math.round(dz.startValue), to: Math.round(dz.endValue) + 1 };
        setZoom((z) => (z?.queryId === queryId && z.view.from === next.from && z.view.to === next.to ? z : { queryId, view: next }));
      },
    }),
    [queryId],
  );

  const offScale = useMemo(() => fitScoreAxis(score ?? [], view, thresholds, band).offScale, [score, view, thresholds, band]);

  // The score first — the decision rests on it — then the raw channels on the same zoom.
  return (
    <div className="label-charts">
      <EChart
        option={scoreOption}
        resetKey={queryId}
        onEvents={onEvents}
        onRendered={onRendered}
        testId="label.chart.score"
        data={{
          "data-ready": score ? "true" : "false",
          "data-onset": onset ?? "",
          "data-threshold": thresholds[0]?.value ?? "",
          "data-band": band ? `${band.lower ?? ""},${band.upper}` : "",
          "data-offscale": offScale.map((t) => `${t.label}:${t.side}`).join(" "),
        }}
        style={{ width: "100%", height: 260, cursor: "crosshair" }}
      />
      <div className="label-chart-bar">
        <ChannelToggles names={channelNames} visible={visible} onChange={setVisible} />
        <button type="button" className="secondary" onClick={() => setZoom(null)} data-testid="label.zoom-reset">
          Reset zoom
        </button>
      </div>
      <EChart
        option={channelOption}
        resetKey={`${queryId}:${visible.join()}`}
        onEvents={onEvents}
        onRendered={onRendered}
        testId="label.chart.channels"
        data={{ "data-ready": channels ? "true" : "false", "data-visible": shown.length }}
        style={{ width: "100%", height: channelsHeight(shown.length), cursor: "crosshair" }}
      />
    </div>
  );
}

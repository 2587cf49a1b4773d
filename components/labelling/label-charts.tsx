"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { EChart, type EChartEvents } from "@/components/charts/echart";
import { useColorScheme } from "@/components/charts/use-color-scheme";
import type { EChartsType } from "@/components/charts/echarts-core";
import { ChannelToggles } from "@/components/datasets/viewer-parts";
import type { PlotChannel } from "@/lib/charts/series-data";
import type { ThresholdInterval } from "@/lib/charts/threshold-band";
import {
  channelsHeight,
  labelChannelsOption,
  labelScoreOption,
  scoreAxisOf,
  type StepRange,
  type ThresholdMark,
} from "@/lib/charts/label-options";

type Props = {
  queryId: string;
  channelNames: string[];
  channels: PlotChannel[] | null;
  score: Float32Array | null;
  /** Steps per second: the time axes read h:mm:ss. */
  samplingRate: number;
  context: StepRange;
  /** The zoom window, shared by every plot of the stretch. */
  view: StepRange;
  candidate: StepRange;
  onset: number | null;
  /** The marked region's end (exclusive); null: none marked. */
  regionEnd: number | null;
  thresholds: ThresholdMark[];
  /** The refined threshold's optimal interval, shaded on the score (null: none). */
  band?: ThresholdInterval | null;
  logScale: boolean;
  /** A click on a plot, as the step under the pointer. */
  onPick: (step: number) => void;
  /** A drag across the score plot, as the steps where it started and ended. */
  onRegion: (a: number, b: number) => void;
  /** The zoom window moved (null: back to the whole context). */
  onZoom: (view: StepRange | null) => void;
  onLogScale: () => void;
  /** Drawn under the score, on its zoom (the channels' heat map). */
  heatmap?: ReactNode;
};

type ZrEvent = { offsetX: number; offsetY: number };
/** Pixels the pointer must travel before a press on the score plot becomes a drag. */
const DRAG_PX = 4;

/** The step under the pointer on any grid of the chart, or null outside them. */
function stepAt(chart: EChartsType, { offsetX, offsetY }: ZrEvent): number | null {
  const grids = (chart.getOption().grid as unknown[] | undefined)?.length ?? 1;
  for (let gridIndex = 0; gridIndex < grids; gridIndex++) {
    if (!chart.containPixel({ gridIndex }, [offsetX, offsetY])) continue;
    const [x] = chart.convertFromPixel({ gridIndex }, [offsetX, offsetY]) as number[];
    return x !== undefined && Number.isFinite(x) ? Math.round(x) : null;
  }
  return null;
}

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
      const step = stepAt(chart, event as unknown as ZrEvent);
      if (step !== null) pick.current(step);
    });
  };
}

/**
 * Press, drag and release on the score plot: a drag of a few pixels or more selects a region (shown
 * while dragging), a press without one is a click (the onset). Returns the handler to bind once per
 * chart and the region being dragged.
 */
function useStepDrag(onPick: (step: number) => void, onRegion: (a: number, b: number) => void) {
  const handlers = useRef({ onPick, onRegion });
  const bound = useRef(new WeakSet<EChartsType>());
  const [dragging, setDragging] = useState<StepRange | null>(null);
  useEffect(() => {
    handlers.current = { onPick, onRegion };
  });
  const bind = (chart: EChartsType) => {
    if (bound.current.has(chart)) return;
    bound.current.add(chart);
    let press: { x: number; step: number; moved: boolean } | null = null;
    const zr = chart.getZr();
    zr.on("mousedown", (event) => {
      const e = event as unknown as ZrEvent;
      const step = stepAt(chart, e);
      press = step === null ? null : { x: e.offsetX, step, moved: false };
    });
    zr.on("mousemove", (event) => {
      if (!press) return;
      const e = event as unknown as ZrEvent;
      if (!press.moved && Math.abs(e.offsetX - press.x) < DRAG_PX) return;
      press.moved = true;
      const [x] = chart.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      if (x === undefined || !Number.isFinite(x)) return;
      const step = Math.round(x);
      setDragging({ from: Math.min(press.step, step), to: Math.max(press.step, step) + 1 });
    });
    const release = (event: unknown) => {
      if (!press) return;
      const start = press;
      press = null;
      setDragging(null);
      const e = event as ZrEvent;
      if (!start.moved) return handlers.current.onPick(start.step);
      const [x] = chart.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      if (x !== undefined && Number.isFinite(x)) handlers.current.onRegion(start.step, Math.round(x));
    };
    zr.on("mouseup", release);
    zr.on("globalout", () => {
      press = null;
      setDragging(null);
    });
  };
  return { bind, dragging };
}

/**
 * The anomaly score, the channels' heat map and, under them, the raw channels (hide/show) on one
 * zoom; the candidate shaded, the onset marked, the region dragged on the score shaded on all.
 */
export function LabelCharts(props: Props) {
  const {
    queryId,
    channelNames,
    channels,
    score,
    samplingRate,
    context,
    view,
    candidate,
    onset,
    regionEnd,
    thresholds,
    band = null,
    logScale,
  } = props;
  const [visible, setVisible] = useState<boolean[]>(() => channelNames.map(() => true));
  const onChannelClick = useStepClicks(props.onPick);
  const drag = useStepDrag(props.onPick, props.onRegion);
  const region = useMemo(
    () => drag.dragging ?? (onset !== null && regionEnd !== null ? { from: onset, to: regionEnd } : null),
    [drag.dragging, onset, regionEnd],
  );
  const scale = logScale ? ("symlog" as const) : ("linear" as const);
  const scheme = useColorScheme();

  const shown = useMemo(() => (channels ?? []).filter((c) => visible[c.index ?? 0] !== false), [channels, visible]);
  const channelOption = useMemo(
    () => labelChannelsOption({ channels: shown, context, candidate, onset, view, region, samplingRate, scheme }),
    [shown, context, candidate, onset, view, region, samplingRate, scheme],
  );
  const scoreInput = useMemo(
    () => ({ score: score ?? [], samplingRate, scheme, context, candidate, onset, thresholds, view, band, region, scale }),
    [score, samplingRate, scheme, context, candidate, onset, thresholds, view, band, region, scale],
  );
  const scoreOption = useMemo(() => labelScoreOption(scoreInput), [scoreInput]);
  const offScale = useMemo(() => scoreAxisOf(scoreInput).offScale, [scoreInput]);
  const onZoom = useRef(props.onZoom);
  useEffect(() => {
    onZoom.current = props.onZoom;
  });
  const onEvents = useMemo<EChartEvents>(
    () => ({
      datazoom: (_params, chart) => {
        const dz = (chart.getOption().dataZoom as { startValue?: number; endValue?: number }[] | undefined)?.[0];
        if (dz?.startValue === undefined || dz.endValue === undefined) return;
        onZoom.current({ from: Math.round(dz.startValue), to: Math.round(dz.endValue) + 1 });
      },
    }),
    [],
  );

  // The score first — the decision rests on it — then where it comes from, then the raw channels on the same zoom.
  return (
    <div className="label-charts">
      <EChart
        option={scoreOption}
        resetKey={`${queryId}:${scale}`}
        onEvents={onEvents}
        onRendered={drag.bind}
        testId="label.chart.score"
        data={{
          "data-ready": score ? "true" : "false",
          "data-onset": onset ?? "",
          "data-region-end": regionEnd ?? "",
          "data-scale": scale,
          "data-view": `${view.from}-${view.to}`,
          "data-threshold": thresholds[0]?.value ?? "",
          "data-band": band ? `${band.lower ?? ""},${band.upper}` : "",
          "data-offscale": offScale.map((t) => `${t.label}:${t.side}`).join(" "),
        }}
        style={{ width: "100%", height: 260, cursor: "crosshair" }}
      />
      <div className="label-chart-bar">
        <label className="check">
          <input type="checkbox" checked={logScale} onChange={props.onLogScale} data-testid="label.logscale" /> Log scale (symlog)
        </label>
        <button type="button" className="secondary" onClick={() => props.onZoom(null)} data-testid="label.zoom-reset">
          Reset zoom
        </button>
      </div>
      {props.heatmap}
      <div className="label-chart-bar">
        <ChannelToggles names={channelNames} visible={visible} onChange={setVisible} />
      </div>
      <EChart
        option={channelOption}
        resetKey={`${queryId}:${visible.join()}`}
        onEvents={onEvents}
        onRendered={onChannelClick}
        testId="label.chart.channels"
        data={{ "data-ready": channels ? "true" : "false", "data-visible": shown.length }}
        style={{ width: "100%", height: channelsHeight(shown.length), cursor: "crosshair" }}
      />
    </div>
  );
}

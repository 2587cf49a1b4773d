"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { EChart, type EChartEvents } from "@/components/charts/echart";
import { mergeDetail, type SeriesPayload } from "@/lib/charts/series-data";
import { buildSequenceOption, chartHeight } from "@/lib/charts/sequence-options";
import { formatElapsed } from "@/lib/charts/time-format";
import { windowFromZoom, zoomWindow, type StepWindow } from "@/lib/charts/zoom";
import { formatCount } from "@/lib/format";
import { ChannelToggles, GroundTruthNote, type ViewerGroundTruth } from "./viewer-parts";
import { useSequenceSeries } from "./use-sequence-series";

export type ViewerSequence = { id: string; name: string; length: number; samplingRate: number; channelNames: string[] };

/**
 * All channels of a sequence, one stacked grid each on a shared, zoomable time axis. The whole range
 * comes first (from the server with the page, or fetched at the chart's width); zooming in fetches
 * the visible window in detail.
 */
type Props = {
  sequence: ViewerSequence;
  groundTruth: ViewerGroundTruth | null;
  /** The whole range, started on the server with the page (so it does not wait for this code to load). */
  overview?: Promise<SeriesPayload>;
};

export function SequenceViewer({ sequence, groundTruth, overview = undefined }: Props) {
  const { id, length, samplingRate: rate, channelNames } = sequence;
  const [visible, setVisible] = useState<boolean[]>(() => channelNames.map(() => true));
  const [view, setView] = useState<StepWindow>({ from: 0, to: length });
  const [width, setWidth] = useState<number | null>(null);
  const [drawn, setDrawn] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const series = useSequenceSeries(id, length, width, view, overview ?? null);
  const plotted = useMemo(
    () =>
      series.overview ? mergeDetail(series.overview, series.detail) : channelNames.map((name, index) => ({ name, index, x: [], y: [] })),
    [series.overview, series.detail, channelNames],
  );
  const shown = useMemo(() => plotted.filter((_, i) => visible[i]), [plotted, visible]);
  const option = useMemo(
    () => buildSequenceOption({ channels: shown, samplingRate: rate, length, window: view, groundTruth: groundTruth?.ranges ?? null }),
    [shown, rate, length, view, groundTruth],
  );
  const onEvents = useMemo<EChartEvents>(
    () => ({
      datazoom: (params) => {
        const next = windowFromZoom(params, length, rate);
        if (next) setView((v) => (v.from === next.from && v.to === next.to ? v : next));
      },
    }),
    [length, rate],
  );
  const points = shown.reduce((n, c) => n + c.x.length, 0);

  return (
    <section className="panel viewer">
      <div className="viewer-bar">
        <ChannelToggles names={channelNames} visible={visible} onChange={setVisible} />
        <div className="viewer-zoom">
          <button
            type="button"
            className="secondary"
            data-testid="viewer.zoom-in"
            onClick={() => setView((v) => zoomWindow(v, 0.5, length))}
          >
            Zoom in
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="viewer.zoom-out"
            onClick={() => setView((v) => zoomWindow(v, 2, length))}
          >
            Zoom out
          </button>
          <button type="button" className="secondary" data-testid="viewer.reset" onClick={() => setView({ from: 0, to: length })}>
            Whole sequence
          </button>
        </div>
      </div>
      {groundTruth && <GroundTruthNote truth={groundTruth} rate={rate} />}
      <div ref={box} className="viewer-chart">
        <EChart
          option={option}
          resetKey={visible.join()}
          onEvents={onEvents}
          onRendered={() => setDrawn(series.overview ? points : 0)}
          style={{ width: "100%", height: chartHeight(shown.length) }}
          testId="viewer.chart"
          data={{
            "data-ready": drawn > 0 ? "true" : "false",
            "data-fetches": series.fetches,
            "data-visible": shown.length,
            "data-window": `${view.from}-${view.to}`,
            "data-points": points,
          }}
        />
      </div>
      <p className="muted viewer-status" data-testid="viewer.status" aria-live="polite">
        {series.error ? (
          <span className="error" data-testid="viewer.error">
            {series.error}
          </span>
        ) : null}
        {series.loading ? "Loading… " : null}
        Showing {formatElapsed(view.from / rate)}–{formatElapsed((view.to - 1) / rate)} of {formatElapsed((length - 1) / rate)} ·{" "}
        {formatCount(view.to - view.from)} steps · {shown.length} of {channelNames.length} channels · {formatCount(points)} points drawn
        {series.lastMs !== null ? ` · last fetch ${Math.round(series.lastMs)} ms` : ""}
      </p>
    </section>
  );
}

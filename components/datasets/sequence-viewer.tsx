"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { EChart, type EChartEvents } from "@/components/charts/echart";
import { useColorScheme } from "@/components/charts/use-color-scheme";
import { useDragZoom } from "@/components/charts/use-drag-zoom";
import { mergeDetail, type SeriesPayload } from "@/lib/charts/series-data";
import { buildSequenceOption, chartHeight, LAYOUT } from "@/lib/charts/sequence-options";
import { formatClock } from "@/lib/charts/time-format";
import { searchWithWindow, windowFromDrag, windowFromParams, windowFromZoom, zoomWindow, type StepWindow } from "@/lib/charts/zoom";
import { formatCount } from "@/lib/format";
import { ChannelToggles, GroundTruthNote, type ViewerGroundTruth } from "./viewer-parts";
import { useSequenceSeries } from "./use-sequence-series";

export type ViewerSequence = { id: string; name: string; length: number; samplingRate: number; channelNames: string[] };

/** Wait after the last zoom step before writing the window into the address bar. */
const URL_DEBOUNCE_MS = 150;

/**
 * All channels of a sequence, one stacked grid each on a shared, zoomable time axis, each y axis fitted
 * to what is in view. The wheel and the buttons zoom, a drag across the plot zooms to the dragged
 * stretch, and the slider under the plots (with the first channel drawn in it) moves the window. The
 * whole range comes first (from the server with the page, or fetched at the chart's width); zooming
 * in fetches the visible window in detail. The window is kept in the address (?from=&to=, in steps),
 * replaced without a new history entry, so that a reload or a shared link opens the same view.
 */
type Props = {
  sequence: ViewerSequence;
  groundTruth: ViewerGroundTruth | null;
  /** The whole range, started on the server with the page (so it does not wait for this code to load). */
  overview?: Promise<SeriesPayload>;
};

function useWindowInUrl(view: StepWindow, length: number) {
  useEffect(() => {
    const timer = setTimeout(() => {
      const search = searchWithWindow(window.location.search, view, length);
      if (search !== window.location.search) window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [view, length]);
}

export function SequenceViewer({ sequence, groundTruth, overview = undefined }: Props) {
  const { id, length, samplingRate: rate, channelNames } = sequence;
  const params = useSearchParams();
  const scheme = useColorScheme();
  const [visible, setVisible] = useState<boolean[]>(() => channelNames.map(() => true));
  const [view, setView] = useState<StepWindow>(
    () => windowFromParams(params.get("from"), params.get("to"), length) ?? { from: 0, to: length },
  );
  const [width, setWidth] = useState<number | null>(null);
  const [drawn, setDrawn] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  useWindowInUrl(view, length);

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
  const units = useMemo(
    () => channelNames.map((_, i) => series.overview?.channels.find((c) => c.index === i)?.unit ?? null),
    [series.overview, channelNames],
  );
  const shown = useMemo(() => plotted.filter((_, i) => visible[i]), [plotted, visible]);
  const option = useMemo(
    () =>
      buildSequenceOption({ channels: shown, samplingRate: rate, length, window: view, groundTruth: groundTruth?.ranges ?? null, scheme }),
    [shown, rate, length, view, groundTruth, scheme],
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
  const drag = useDragZoom((x0, x1) => {
    const next = windowFromDrag(x0, x1, rate, length);
    if (next) setView(next);
  });
  const points = shown.reduce((n, c) => n + c.x.length, 0);
  const firstAxis = (Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis) as
    { min?: number; max?: number; name?: string } | undefined;
  const axisNames = (Array.isArray(option.yAxis) ? option.yAxis : []).map((a) => (a as { name?: string }).name ?? "").join("|");

  return (
    <section className="panel viewer">
      <div className="viewer-bar">
        <ChannelToggles names={channelNames} units={units} visible={visible} onChange={setVisible} />
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
      <p className="muted viewer-hint">
        Drag across the plots to zoom to a stretch; the wheel zooms, the strip at the bottom moves the view.
      </p>
      <div ref={box} className="viewer-chart">
        <EChart
          option={option}
          resetKey={visible.join()}
          onEvents={onEvents}
          onRendered={(chart) => {
            drag.onRendered(chart);
            setDrawn(series.overview ? points : 0);
          }}
          style={{ width: "100%", height: chartHeight(shown.length) }}
          testId="viewer.chart"
          data={{
            "data-ready": drawn > 0 ? "true" : "false",
            "data-fetches": series.fetches,
            "data-visible": shown.length,
            "data-window": `${view.from}-${view.to}`,
            "data-points": points,
            "data-y-range": firstAxis?.min !== undefined ? `${firstAxis.min}..${firstAxis.max}` : "",
            "data-axis-names": axisNames,
          }}
        />
        {drag.band && (
          <div
            className="drag-band"
            data-testid="viewer.drag-band"
            style={{ left: drag.band.left, width: drag.band.width, top: LAYOUT.top - 8, bottom: LAYOUT.bottom - 24 }}
          />
        )}
      </div>
      <p className="muted viewer-status" data-testid="viewer.status" aria-live="polite">
        {series.error ? (
          <span className="error" data-testid="viewer.error">
            {series.error}
          </span>
        ) : null}
        {series.loading ? "Loading… " : null}
        Showing {formatClock(view.from / rate)}–{formatClock((view.to - 1) / rate)} of {formatClock((length - 1) / rate)} ·{" "}
        {formatCount(view.to - view.from)} steps · {shown.length} of {channelNames.length} channels · {formatCount(points)} points drawn
        {series.lastMs !== null ? ` · last fetch ${Math.round(series.lastMs)} ms` : ""}
      </p>
    </section>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import type { SeriesPayload } from "@/lib/charts/series-data";
import { LAYOUT } from "@/lib/charts/sequence-options";
import { isFullWindow, type StepWindow } from "@/lib/charts/zoom";
import { getJson } from "../api-client";

/** Wait after the last zoom step before fetching detail. */
const DEBOUNCE_MS = 180;

/** Points per channel for a chart `width` pixels wide: one per pixel of the plot area. */
export function pointsFor(width: number): number {
  return Math.max(100, Math.min(4000, Math.round(width - LAYOUT.left - LAYOUT.right)));
}

async function fetchSeries(sequenceId: string, range: StepWindow, points: number, signal: AbortSignal): Promise<SeriesPayload> {
  const url = `/api/sequences/${encodeURIComponent(sequenceId)}/series?from=${range.from}&to=${range.to}&points=${points}`;
  return getJson<SeriesPayload>(url, "Loading the series", signal);
}

export type SeriesState = {
  overview: SeriesPayload | null;
  detail: SeriesPayload | null;
  error: string | null;
  loading: boolean;
  fetches: number;
  lastMs: number | null;
};

/**
 * The series of a sequence for the viewer: the whole range once (streamed in with the page when the
 * server started it, otherwise fetched at the chart's width), then the visible window whenever the
 * zoom settles, each fetch cancelling the one before.
 */
export function useSequenceSeries(
  sequenceId: string,
  length: number,
  width: number | null,
  window: StepWindow,
  initial: Promise<SeriesPayload> | null,
): SeriesState {
  const [state, setState] = useState<SeriesState>({ overview: null, detail: null, error: null, loading: true, fetches: 0, lastMs: null });
  const points = width === null ? null : pointsFor(width);
  const hasOverview = state.overview !== null;
  const pointsRef = useRef(points);

  useEffect(() => {
    pointsRef.current = points;
  }, [points]);

  useEffect(() => {
    if (!initial || hasOverview) return;
    let live = true;
    initial.then(
      (overview) => live && setState((s) => ({ ...s, overview, loading: false, error: null, fetches: s.fetches + 1 })),
      () => live && setState((s) => ({ ...s, loading: false, error: "Loading the series failed; reload the page to try again." })),
    );
    return () => {
      live = false;
    };
  }, [initial, hasOverview]);

  useEffect(() => {
    if (initial || points === null || hasOverview) return;
    const abort = new AbortController();
    const started = performance.now();
    fetchSeries(sequenceId, { from: 0, to: length }, points, abort.signal)
      .then((overview) =>
        setState((s) => ({ ...s, overview, loading: false, error: null, fetches: s.fetches + 1, lastMs: performance.now() - started })),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ ...s, loading: false, error: (error as Error).message }));
      });
    return () => abort.abort();
  }, [sequenceId, length, points, hasOverview, initial]);

  const { from, to } = window;
  useEffect(() => {
    if (!hasOverview) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      if (isFullWindow({ from, to }, length)) {
        setState((s) => ({ ...s, detail: null, loading: false }));
        return;
      }
      const started = performance.now();
      setState((s) => ({ ...s, loading: true }));
      fetchSeries(sequenceId, { from, to }, pointsRef.current ?? 1000, abort.signal)
        .then((detail) =>
          setState((s) => ({ ...s, detail, loading: false, error: null, fetches: s.fetches + 1, lastMs: performance.now() - started })),
        )
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setState((s) => ({ ...s, loading: false, error: (error as Error).message }));
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [sequenceId, length, from, to, hasOverview]);

  return state;
}

"use client";

import { useEffect, useState } from "react";
import { getBytes, getJson } from "../api-client";
import type { PlotChannel, SeriesPayload } from "@/lib/charts/series-data";
import type { LabelledQuery } from "@/lib/labelling/labels";
import type { StepRange } from "@/lib/charts/label-options";

/** Every labelled query of a run, as the server has them; loaded again when `attempt` changes (Retry). */
export function useRunLabels(runId: string, attempt = 0): { queries: LabelledQuery[] | null; error: string | null } {
  const [state, setState] = useState<{ runId: string; queries: LabelledQuery[] | null; error: string | null }>({
    runId,
    queries: null,
    error: null,
  });
  useEffect(() => {
    const abort = new AbortController();
    getJson<{ queries: LabelledQuery[] }>(`/api/runs/${runId}/labels`, "Loading the labels", abort.signal)
      .then(({ queries }) => setState({ runId, queries, error: null }))
      .catch((e: unknown) => !abort.signal.aborted && setState({ runId, queries: null, error: (e as Error).message }));
    return () => abort.abort();
  }, [runId, attempt]);
  return state.runId === runId ? state : { queries: null, error: null };
}

/**
 * Scores of the run's sequences that are asked for, fetched once each (float32 per step). A sequence
 * whose fetch failed is not asked for again until Retry bumps `attempt`, even when more sequences are
 * wanted meanwhile (the labels name them as they arrive); those that did load are kept.
 */
export function useScores(
  runId: string,
  sequenceIds: readonly string[],
  attempt = 0,
): { scores: ReadonlyMap<string, Float32Array>; error: string | null } {
  // `failed`: the sequences whose fetch failed in `failedAttempt`; not fetched again in that attempt.
  const [cache, setCache] = useState<{
    runId: string;
    scores: Map<string, Float32Array>;
    error: string | null;
    failed: ReadonlySet<string>;
    failedAttempt: number;
  }>({ runId, scores: new Map(), error: null, failed: new Set(), failedAttempt: attempt });
  const wanted = [...new Set(sequenceIds)].sort().join(",");
  useEffect(() => {
    const abort = new AbortController();
    const ids = wanted ? wanted.split(",") : [];
    const same = cache.runId === runId;
    const have = same ? cache.scores : new Map<string, Float32Array>();
    const failed = same && cache.failedAttempt === attempt ? cache.failed : new Set<string>();
    const missing = ids.filter((id) => !have.has(id) && !failed.has(id));
    if (missing.length === 0) return;
    void Promise.allSettled(
      missing.map(
        async (id) =>
          [id, new Float32Array(await getBytes(`/api/runs/${runId}/scores/${id}`, "Loading the scores", abort.signal))] as const,
      ),
    ).then((results) => {
      if (abort.signal.aborted) return;
      const loaded = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const failures = missing.filter((_, i) => results[i]?.status === "rejected");
      const reason = results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason as Error | undefined;
      setCache((c) => {
        const kept = c.runId === runId;
        const before = kept && c.failedAttempt === attempt ? c.failed : new Set<string>();
        return {
          runId,
          scores: new Map([...(kept ? c.scores : []), ...loaded]),
          error: failures.length > 0 ? (reason?.message ?? "Could not load the scores") : before.size > 0 ? c.error : null,
          failed: new Set([...before, ...failures]),
          failedAttempt: attempt,
        };
      });
    });
    return () => abort.abort();
  }, [runId, wanted, cache, attempt]);
  return cache.runId === runId ? cache : { scores: new Map(), error: null };
}

/** The raw channels of a sequence over `range` (null: none wanted), LTTB-reduced by the series API; loaded again when `attempt` changes. */
export function useChannels(
  sequenceId: string,
  range: StepRange | null,
  attempt = 0,
): { channels: PlotChannel[] | null; error: string | null } {
  const key = range ? `${sequenceId}:${range.from}-${range.to}` : "";
  const [state, setState] = useState<{ key: string; channels: PlotChannel[] | null; error: string | null }>({
    key,
    channels: null,
    error: null,
  });
  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    const [id, span] = key.split(":");
    const [from, to] = (span ?? "").split("-");
    getJson<SeriesPayload>(`/api/sequences/${id}/series?from=${from}&to=${to}&points=1200`, "Loading the channels", abort.signal)
      .then((p) => setState({ key, channels: p.channels.map((c) => ({ name: c.name, index: c.index, x: c.x, y: c.y })), error: null }))
      .catch((e: unknown) => !abort.signal.aborted && setState({ key, channels: null, error: (e as Error).message }));
    return () => abort.abort();
  }, [key, attempt]);
  return state.key === key ? state : { channels: null, error: null };
}

/** How long the zoom window must rest before its detail is fetched (a wheel zoom fires many events). */
const DETAIL_DELAY_MS = 250;

/**
 * The channels over the context, and, once zoomed in, over the zoom window at full detail (fetched
 * when the window has rested for a moment): the detail while it matches the window, else the
 * context's reduced series, so the plot never goes blank while zooming.
 */
export function useChannelsWithDetail(
  sequenceId: string,
  context: StepRange,
  view: StepRange,
  attempt = 0,
): { channels: PlotChannel[] | null; error: string | null; detail: boolean } {
  const overview = useChannels(sequenceId, context, attempt);
  const zoomed = view.from > context.from || view.to < context.to;
  const [rested, setRested] = useState<StepRange | null>(null);
  useEffect(() => {
    if (!zoomed) return;
    const timer = setTimeout(() => setRested({ from: view.from, to: view.to }), DETAIL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [zoomed, view.from, view.to]);
  const wanted = zoomed && rested && rested.from === view.from && rested.to === view.to ? rested : null;
  const detail = useChannels(sequenceId, wanted, attempt);
  if (wanted && detail.channels) return { ...detail, detail: true };
  return { ...overview, detail: false };
}

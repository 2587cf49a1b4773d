"use client";

import { useEffect, useMemo, useState } from "react";
import { getJson, sendJson } from "@/components/api-client";
import { EChart } from "@/components/charts/echart";
import { useColorScheme } from "@/components/charts/use-color-scheme";
import { COUNTERFACTUAL_LABEL, counterfactualOption } from "@/lib/charts/counterfactual-options";
import type { SeriesPayload } from "@/lib/charts/series-data";
import { chartPalette } from "@/lib/charts/theme";
import { detectorSpec } from "@/lib/detectors/registry";
import { zscore } from "@/lib/preprocess";
import {
  BAND_TEXT,
  COUNTERFACTUAL_SEED,
  toRawUnits,
  type CounterfactualCache,
  type StoredCounterfactual,
} from "@/lib/runs/counterfactuals";
import type { SeriesColumns } from "@/lib/series/types";
import { createScorer } from "@/workers/score/client";
import { fetchRunWeights } from "./run-io";

type Props = {
  runId: string;
  detector: string;
  sequenceId: string;
  sequenceLength: number;
  channelNames: string[];
  /** The stretch [start, end) to explain. */
  start: number;
  end: number;
};

type State =
  | { phase: "loading" | "computing"; key: string }
  | { phase: "ready"; key: string; counterfactual: StoredCounterfactual; observed: SeriesColumns; from: number; cached: boolean }
  | { phase: "error"; key: string; message: string };

/** Steps of observed signal shown on each side of the stretch: half its length, at least 16. */
const margin = (start: number, end: number) => Math.max(16, Math.ceil((end - start) / 2));

/** Steps [from, to) of every channel at full detail, through the series API (which every role may read). */
async function fetchColumns(sequenceId: string, from: number, to: number): Promise<SeriesColumns> {
  const points = Math.max(3, to - from);
  const payload = await getJson<SeriesPayload>(
    `/api/sequences/${sequenceId}/series?from=${from}&to=${to}&points=${points}`,
    "Loading the stretch's channels",
  );
  const columns = [...payload.channels].sort((a, b) => a.index - b.index).map((c) => Float32Array.from(c.y));
  if (columns.some((c) => c.length !== to - from)) throw new Error("The series API did not return every step of the stretch.");
  return columns;
}

/**
 * The stretch's counterfactual: from the run's cache, or computed in the scoring worker (on the
 * stretch with a window of context on each side, z-scored with the dataset's training statistics)
 * and cached. Also the observed values of [from, to) for the chart.
 */
async function explain(
  p: Props,
  from: number,
  to: number,
  setPhase: (phase: "computing") => void,
): Promise<{ counterfactual: StoredCounterfactual; observed: SeriesColumns; cached: boolean }> {
  const cacheUrl = `/api/runs/${p.runId}/counterfactuals`;
  const cache = await getJson<CounterfactualCache>(
    `${cacheUrl}?sequenceId=${encodeURIComponent(p.sequenceId)}`,
    "Loading the counterfactuals",
  );
  const hit = cache.counterfactuals.find((c) => c.start === p.start && c.end === p.end);
  if (hit) return { counterfactual: hit, observed: await fetchColumns(p.sequenceId, from, to), cached: true };
  if (!cache.trainStats) throw new Error("The dataset has no training statistics to z-score the sequence with.");
  setPhase("computing");
  const weights = await fetchRunWeights(p.runId, "Loading the model");
  const context = Math.max(weights.config.windowSize, p.start - from, to - p.end);
  const lo = Math.max(0, p.start - context);
  const hi = Math.min(p.sequenceLength, p.end + context);
  const columns = await fetchColumns(p.sequenceId, lo, hi);
  const scorer = createScorer(weights, undefined, () => undefined);
  try {
    await scorer.ready;
    const z = zscore(
      columns.map((c) => c.slice()),
      cache.trainStats,
    );
    const explained = await scorer.counterfactual("counterfactual", z, p.start - lo, p.end - lo, COUNTERFACTUAL_SEED);
    const counterfactual: StoredCounterfactual = {
      start: p.start,
      end: p.end,
      band: explained.band,
      bandScores: explained.bandScores,
      seed: COUNTERFACTUAL_SEED,
      values: toRawUnits(explained.values, cache.trainStats),
    };
    await sendJson("PUT", cacheUrl, { sequenceId: p.sequenceId, ...counterfactual }, "Saving the counterfactual");
    return { counterfactual, observed: columns.map((c) => c.slice(from - lo, to - lo)), cached: false };
  } finally {
    scorer.dispose();
  }
}

/**
 * TimeVQVAE-AD's explanation of a stretch (docs/algorithms.md §5.2): each channel's observed values
 * around it and, dashed, what normal would look like there — the stretch's tokens resampled from the
 * model's prior and decoded — with the frequency band whose NLL drives the score. Nothing for runs of
 * other detectors.
 */
export function CounterfactualPanel(props: Props) {
  const enabled = detectorSpec(props.detector)?.counterfactuals === true;
  const key = `${props.runId}:${props.sequenceId}:${props.start}-${props.end}`;
  const [state, setState] = useState<State>({ phase: "loading", key });
  const scheme = useColorScheme();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const from = Math.max(0, props.start - margin(props.start, props.end));
    const to = Math.min(props.sequenceLength, props.end + margin(props.start, props.end));
    explain(props, from, to, (phase) => live && setState({ phase, key }))
      .then(({ counterfactual, observed, cached }) => live && setState({ phase: "ready", key, counterfactual, observed, from, cached }))
      .catch((e: unknown) => live && setState({ phase: "error", key, message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
    // `props` is read through `key` (run, sequence, stretch) and `enabled`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);
  const colors = chartPalette(scheme).channels;
  const options = useMemo(
    () =>
      state.phase === "ready"
        ? props.channelNames.map((name, c) =>
            counterfactualOption({
              name,
              from: state.from,
              observed: state.observed[c] ?? [],
              start: state.counterfactual.start,
              end: state.counterfactual.end,
              counterfactual: state.counterfactual.values[c] ?? [],
              color: colors[c % colors.length] ?? "#1f77b4",
            }),
          )
        : [],
    [state, props.channelNames, colors],
  );
  if (!enabled) return null;
  const current = state.key === key ? state : { phase: "loading" as const, key };
  return (
    <section className="panel" data-testid="counterfactual.panel" data-state={current.phase}>
      <h2>What normal would look like here</h2>
      {current.phase === "loading" && <p className="muted">Loading the counterfactual…</p>}
      {current.phase === "computing" && (
        <p className="muted" data-testid="counterfactual.computing">
          Resampling this stretch from the model&apos;s prior (in a worker)…
        </p>
      )}
      {current.phase === "error" && (
        <p className="error" role="alert" data-testid="counterfactual.error">
          No counterfactual: {current.message}
        </p>
      )}
      {current.phase === "ready" && (
        <>
          <p data-testid="counterfactual.band" data-band={current.counterfactual.band}>
            Dashed: {COUNTERFACTUAL_LABEL} (steps {current.counterfactual.start}–{current.counterfactual.end}, the stretch&apos;s tokens
            resampled from TimeVQVAE-AD&apos;s prior and decoded). The score here is driven by the{" "}
            <strong>{BAND_TEXT[current.counterfactual.band]}</strong> (mean token NLL per step: low{" "}
            {current.counterfactual.bandScores.low.toFixed(2)}, high {current.counterfactual.bandScores.high.toFixed(2)}).
            <span className="muted"> {current.cached ? "From the run's cache." : "Computed now and cached with the run."}</span>
          </p>
          <div className="counterfactual-grid">
            {options.map((option, c) => (
              <EChart
                key={props.channelNames[c] ?? c}
                option={option}
                resetKey={key}
                style={{ height: 120 }}
                testId="counterfactual.chart"
                data={{
                  "data-channel": props.channelNames[c] ?? String(c),
                  "data-points": state.phase === "ready" ? (state.counterfactual.values[c]?.length ?? 0) : 0,
                }}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

"use client";

import { useEffect, useState } from "react";
import { getBytes, getJson } from "@/components/api-client";
import { detectorSpec } from "@/lib/detectors/registry";
import { peakStretch, type CounterfactualCache } from "@/lib/runs/counterfactuals";
import { CounterfactualPanel } from "./counterfactual-panel";

type Props = { run: { id: string; detector: string }; sequenceId: string; length: number; channelNames: string[] };
type Stretch = { start: number; end: number; why: string };

/** Steps of the stretch around the highest score that the sequence view explains when nothing is cached yet. */
const PEAK_STEPS = 32;

/**
 * The sequence view's counterfactuals for a TimeVQVAE-AD run: the stretches already explained
 * (queried stretches the experts opened, cached with the run) and the stretch around the sequence's
 * highest score, one at a time, drawn by CounterfactualPanel.
 */
export function SequenceCounterfactuals({ run, sequenceId, length, channelNames }: Props) {
  const { id: runId, detector } = run;
  const enabled = detectorSpec(detector)?.counterfactuals === true;
  const key = `${runId}:${sequenceId}`;
  const [loaded, setLoaded] = useState<{ key: string; list: Stretch[] | null; error: string | null } | null>(null);
  const [picked, setPicked] = useState<{ key: string; index: number } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    Promise.all([
      getJson<CounterfactualCache>(
        `/api/runs/${runId}/counterfactuals?sequenceId=${encodeURIComponent(sequenceId)}`,
        "Loading the counterfactuals",
        abort.signal,
      ),
      getBytes(`/api/runs/${runId}/scores/${sequenceId}`, "Loading the scores", abort.signal),
    ])
      .then(([cache, bytes]) => {
        const cached = cache.counterfactuals.map((c) => ({ start: c.start, end: c.end, why: "explained before" }));
        const peak = peakStretch(new Float32Array(bytes), PEAK_STEPS);
        const list = [...cached];
        if (peak && !cached.some((c) => c.start === peak.start && c.end === peak.end)) list.push({ ...peak, why: "highest score" });
        setLoaded({ key, list, error: null });
      })
      .catch((e: unknown) => !abort.signal.aborted && setLoaded({ key, list: null, error: (e as Error).message }));
    return () => abort.abort();
  }, [enabled, key, runId, sequenceId]);
  if (!enabled || loaded?.key !== key) return null;
  if (loaded.error) return <p className="panel error">{loaded.error}</p>;
  const list = loaded.list;
  if (!list || list.length === 0) return null;
  const chosen = Math.min(picked?.key === key ? picked.index : 0, list.length - 1);
  const stretch = list[chosen] as Stretch;
  return (
    <div data-testid="sequence.counterfactuals">
      <label className="check">
        Counterfactual of steps{" "}
        <select
          value={chosen}
          onChange={(e) => setPicked({ key, index: Number(e.target.value) })}
          data-testid="sequence.counterfactual.stretch"
        >
          {list.map((s, i) => (
            <option key={`${s.start}-${s.end}`} value={i}>
              {s.start}–{s.end} ({s.why})
            </option>
          ))}
        </select>
      </label>
      <CounterfactualPanel
        runId={runId}
        detector={detector}
        sequenceId={sequenceId}
        sequenceLength={length}
        channelNames={channelNames}
        start={stretch.start}
        end={stretch.end}
      />
    </div>
  );
}

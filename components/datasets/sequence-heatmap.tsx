"use client";

import { useEffect, useMemo, useState } from "react";
import { getJson } from "@/components/api-client";
import { ChannelHeatmap, useChannelScores } from "@/components/charts/channel-heatmap";
import { SequenceCounterfactuals } from "@/components/runs/sequence-counterfactuals";
import { detectorSpec } from "@/lib/detectors/registry";

type RunOption = { id: string; detector: string; status: string; createdAt: string };
type Props = { datasetId: string; sequenceId: string; length: number; channelNames: string[]; samplingRate: number };

const runName = (r: RunOption) =>
  `${detectorSpec(r.detector)?.label ?? r.detector} · ${new Date(r.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The sequence view's per-channel contribution: a complete detector run of the dataset is chosen
 * (the newest first), and its channels' parts of the score over the whole sequence are drawn as a
 * heat map, so the channel behind an alarm shows at a glance. For a TimeVQVAE-AD run, its
 * counterfactuals follow (SequenceCounterfactuals).
 */
export function SequenceHeatmap({ datasetId, sequenceId, length, channelNames, samplingRate }: Props) {
  const [runs, setRuns] = useState<RunOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<{ runs: RunOption[] }>(`/api/runs?datasetId=${datasetId}`, "Loading the runs", abort.signal)
      .then(({ runs }) => setRuns(runs.filter((r) => r.status === "complete")))
      .catch((e: unknown) => !abort.signal.aborted && setError((e as Error).message));
    return () => abort.abort();
  }, [datasetId]);
  const runId = chosen ?? runs?.[0]?.id ?? null;
  const heat = useChannelScores(runId, sequenceId);
  const run = runs?.find((r) => r.id === runId) ?? null;
  const range = useMemo(() => ({ from: 0, to: length }), [length]);
  if (error) return <p className="panel error">{error}</p>;
  if (!runs || runs.length === 0) return null;
  return (
    <section className="panel" data-testid="sequence.heatmap">
      <label className="check">
        Where the score comes from, in run{" "}
        <select value={runId ?? ""} onChange={(e) => setChosen(e.target.value)} data-testid="sequence.heatmap.run">
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {runName(r)}
            </option>
          ))}
        </select>
      </label>
      <ChannelHeatmap
        values={heat.values}
        error={heat.error}
        length={length}
        channelNames={channelNames}
        range={range}
        samplingRate={samplingRate}
        testId="sequence.heatmap.map"
      />
      {run && <SequenceCounterfactuals run={run} sequenceId={sequenceId} length={length} channelNames={channelNames} />}
    </section>
  );
}

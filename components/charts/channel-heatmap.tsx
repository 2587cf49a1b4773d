"use client";

import { useEffect, useMemo, useState } from "react";
import { getBytes } from "@/components/api-client";
import {
  channelCount,
  channelHeatmapOption,
  drivingChannel,
  heatColumns,
  heatmapHeight,
  type StepRange,
} from "@/lib/charts/channel-heatmap";
import type { ScoreScale } from "@/lib/charts/symlog";
import { formatInstant } from "@/lib/charts/time-format";
import { EChart } from "./echart";

/** One sequence's per-channel scores in a run (float32, channel-major); loaded again when `attempt` changes. */
export function useChannelScores(
  runId: string | null,
  sequenceId: string,
  attempt = 0,
): { values: Float32Array | null; error: string | null } {
  const key = runId ? `/api/runs/${runId}/scores/${sequenceId}/channels` : "";
  const [state, setState] = useState<{ key: string; values: Float32Array | null; error: string | null }>({
    key,
    values: null,
    error: null,
  });
  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    getBytes(key, "Loading the channels' scores", abort.signal)
      .then((bytes) => setState({ key, values: new Float32Array(bytes), error: null }))
      .catch((e: unknown) => !abort.signal.aborted && setState({ key, values: null, error: (e as Error).message }));
    return () => abort.abort();
  }, [key, attempt]);
  return state.key === key ? state : { values: null, error: null };
}

type Props = {
  /** Per-channel scores, channel-major (null while loading). */
  values: Float32Array | null;
  error?: string | null;
  length: number;
  channelNames: readonly string[];
  /** The steps shown (the score plot's zoom window on the labelling page). */
  range: StepRange;
  scale?: ScoreScale;
  /** Steps per second: times in h:mm:ss, as on the score plot (steps when absent). */
  samplingRate?: number;
  testId?: string;
};

/**
 * Each channel's part of the anomaly score over time (lib/charts/channel-heatmap.ts): the dark cell
 * under an alarm is the channel that drives it, also named in words beside the title.
 */
export function ChannelHeatmap({
  values,
  error = null,
  length,
  channelNames,
  range,
  scale = "linear",
  samplingRate,
  testId = "heatmap",
}: Props) {
  const channels = values ? channelCount(values.length, length) : channelNames.length;
  const option = useMemo(
    () => (values ? channelHeatmapOption({ channelScores: values, length, channelNames, range, scale, samplingRate }) : null),
    [values, length, channelNames, range, scale, samplingRate],
  );
  const driver = useMemo(() => (values ? drivingChannel(heatColumns(values, length, range)) : null), [values, length, range]);
  const name = driver ? (channelNames[driver.channel] ?? `channel ${driver.channel + 1}`) : "";
  return (
    <div className="channel-heatmap" data-testid={testId}>
      <div className="muted channel-heatmap-title">
        Each channel&apos;s part of the score (its negative log-likelihood; the parts add up to the score)
        {driver && (
          <span data-testid={`${testId}.driver`} data-channel={name}>
            {" "}
            · highest score here at {samplingRate ? formatInstant(driver.step, samplingRate) : `step ${driver.step}`}: <b>{name}</b> gives
            the most
          </span>
        )}
      </div>
      {error ? (
        <p className="muted" data-testid={`${testId}.error`}>
          {error}
        </p>
      ) : option ? (
        <EChart
          option={option}
          testId={`${testId}.chart`}
          data={{ "data-ready": "true", "data-channels": channels }}
          style={{ width: "100%", height: heatmapHeight(channels) }}
        />
      ) : (
        <p className="muted">Loading the channels&apos; scores…</p>
      )}
    </div>
  );
}

"use client";

import { channelLabel } from "@/lib/charts/sequence-options";
import { formatInstant } from "@/lib/charts/time-format";
import { faultName } from "@/lib/format";

export type ViewerGroundTruth = { anomalous: boolean; onset: number | null; kind: string | null; ranges: [number, number][] };

/** One checkbox per channel, named with its unit; the last visible channel cannot be hidden. */
export function ChannelToggles({
  names,
  units = [],
  visible,
  onChange,
}: {
  names: string[];
  units?: (string | null)[];
  visible: boolean[];
  onChange: (next: boolean[]) => void;
}) {
  const count = visible.filter(Boolean).length;
  return (
    <fieldset className="viewer-channels" data-testid="viewer.channels">
      <legend className="muted">Channels</legend>
      {names.map((name, i) => (
        <label key={name} className="check">
          <input
            type="checkbox"
            checked={visible[i] ?? false}
            disabled={visible[i] === true && count === 1}
            data-testid={`viewer.channel.${name}`}
            onChange={(e) => onChange(visible.map((v, k) => (k === i ? e.target.checked : v)))}
          />
          {channelLabel(name, units[i])}
        </label>
      ))}
    </fieldset>
  );
}

/** What the ground truth says, beside the shaded band (shown only to roles that may see it). */
export function GroundTruthNote({ truth, rate }: { truth: ViewerGroundTruth; rate: number }) {
  return (
    <p className="viewer-truth" data-testid="viewer.groundtruth">
      <span className="swatch truth-swatch" aria-hidden />
      {truth.anomalous && truth.onset !== null
        ? `Ground truth: anomalous (${faultName(truth.kind)}) from ${formatInstant(truth.onset, rate)}, shaded.`
        : "Ground truth: normal."}
    </p>
  );
}

"use client";

import { GROUND_TRUTH_COLOR } from "@/lib/charts/sequence-options";
import { formatElapsed } from "@/lib/charts/time-format";
import { formatCount } from "@/lib/format";

export type ViewerGroundTruth = { anomalous: boolean; onset: number | null; kind: string | null; ranges: [number, number][] };

/** One checkbox per channel; the last visible channel cannot be hidden. */
export function ChannelToggles({ names, visible, onChange }: { names: string[]; visible: boolean[]; onChange: (next: boolean[]) => void }) {
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
          {name}
        </label>
      ))}
    </fieldset>
  );
}

/** What the ground truth says, beside the shaded band (shown only to roles that may see it). */
export function GroundTruthNote({ truth, rate }: { truth: ViewerGroundTruth; rate: number }) {
  return (
    <p className="viewer-truth" data-testid="viewer.groundtruth">
      <span className="swatch" style={{ background: GROUND_TRUTH_COLOR }} aria-hidden />
      {truth.anomalous && truth.onset !== null
        ? `Ground truth: anomalous${truth.kind ? ` (${truth.kind.replace(/_/g, " ")})` : ""} from step ${formatCount(truth.onset)} (${formatElapsed(truth.onset / rate)}), shaded.`
        : "Ground truth: normal."}
    </p>
  );
}

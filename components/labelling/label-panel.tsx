"use client";

import type { LabelView } from "@/lib/labelling/labels";
import { formatInstant } from "@/lib/charts/time-format";
import { describeLabel } from "@/lib/labelling/session";
import { HOTKEYS } from "./use-hotkeys";

type Props = {
  onset: number;
  /** The marked region's end (exclusive), or null. */
  regionEnd: number | null;
  mine: LabelView | null;
  other: LabelView | null;
  note: string;
  onNote: (note: string) => void;
  onLabel: (anomalous: boolean) => void;
  onSkip: () => void;
  onUndo: () => void;
  onClearRegion: () => void;
  canUndo: boolean;
  onMove: (delta: -1 | 1) => void;
  onHelp: () => void;
  /** The sequence's sampling rate (Hz): onsets and labels read in its time. */
  samplingRate: number;
};

/** The label buttons, the onset and marked region, the note, and what was said before. */
export function LabelPanel({
  onset,
  regionEnd,
  mine,
  other,
  note,
  onNote,
  onLabel,
  onSkip,
  onUndo,
  onClearRegion,
  canUndo,
  onMove,
  onHelp,
  samplingRate,
}: Props) {
  const say = (l: LabelView) => describeLabel(l, samplingRate);
  return (
    <section className="panel label-panel">
      <div className="label-buttons">
        <button type="button" className="secondary" onClick={() => onMove(-1)} data-testid="label.prev" aria-label="previous">
          ←
        </button>
        <button type="button" className="danger" onClick={() => onLabel(true)} data-testid="label.anomalous">
          Anomalous (A)
        </button>
        <button type="button" onClick={() => onLabel(false)} data-testid="label.normal">
          Normal (N)
        </button>
        <button type="button" className="secondary" onClick={onSkip} data-testid="label.skip">
          Skip (S)
        </button>
        <button type="button" className="secondary" onClick={onUndo} disabled={!canUndo} data-testid="label.undo">
          Undo (U)
        </button>
        <button type="button" className="secondary" onClick={() => onMove(1)} data-testid="label.next" aria-label="next">
          →
        </button>
      </div>
      <p data-testid="label.onset" data-step={onset} data-region-end={regionEnd ?? ""}>
        Onset: <b>{formatInstant(onset, samplingRate)}</b>
        {regionEnd !== null && (
          <span data-testid="label.region">
            {" "}
            · region to <b>{formatInstant(regionEnd, samplingRate)}</b>{" "}
            <button type="button" className="link" onClick={onClearRegion} data-testid="label.region.clear">
              clear
            </button>
          </span>
        )}{" "}
        <span className="muted">
          — click a plot or press Shift+← → to move it, drag across the score to mark the region; it counts when you label the stretch
          anomalous.
        </span>
      </p>
      <label>
        Note (optional)
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => onNote(e.target.value)} data-testid="label.note" />
      </label>
      <p data-testid="label.mine">
        {mine ? (
          <>
            Your label: <b>{say(mine)}</b>
            {mine.note ? ` — “${mine.note}”` : ""}
          </>
        ) : (
          <span className="muted">Not labelled by you yet.</span>
        )}
      </p>
      {other && (
        <p className="notice" data-testid="label.disagreement">
          Another expert ({other.userName}) said {say(other)}.
        </p>
      )}
      <p className="muted label-hotkeys" data-testid="label.hotkeys">
        Hotkeys:{" "}
        {HOTKEYS.slice(0, 4).map(([k, what]) => (
          <span key={k}>
            <kbd>{k}</kbd> {what}{" "}
          </span>
        ))}
        <button type="button" className="link" onClick={onHelp} data-testid="label.help.open">
          all keys (?)
        </button>
      </p>
    </section>
  );
}

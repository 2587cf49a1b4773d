"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { faultName, formatCount, formatStep } from "@/lib/format";
import { SPLITS, type Split } from "@/lib/series/types";
import { moveSequence } from "@/lib/splits/changes";
import { sizesOf, splitWarnings, type SplitWarning } from "@/lib/splits/warnings";
import { requestJson } from "../api-client";
import { SplitWarningList } from "./split-warning-list";

export type SplitRow = {
  id: string;
  index: number;
  name: string;
  split: Split;
  length: number;
  maxAbsZ: number | null;
  unit: string | null;
  /** Only for roles that may see ground truth; null when the sequence has none. */
  groundTruth?: { anomalous: boolean; onset: number | null; kind: string | null } | null;
};

type Props = {
  datasetId: string;
  rows: SplitRow[];
  /** Ground truth and the split warnings (which speak of it) are shown to admins and analysts only. */
  showTruth: boolean;
  canEdit: boolean;
  /** Why the splits cannot change any more (the dataset has a run); null while they can. */
  locked: string | null;
  /** The import's notes on ratios it could not meet as asked. */
  notes: SplitWarning[];
};

type Status = { kind: "busy" | "ok" | "error"; text: string };
type EditResult = { sequences: { id: string; split: Split }[]; changed: number; recomputed: boolean; windowSize: number | null };

/** "—" for a sequence without ground truth (a dataset imported without a label column): not "normal". */
const truthText = (t: SplitRow["groundTruth"]) =>
  !t ? "—" : t.anomalous ? `${faultName(t.kind)} from step ${t.onset === null ? "?" : formatStep(t.onset)}` : "normal";
const NO_TRUTH = "No ground truth: the dataset was imported without a label column.";

/**
 * The sequences of a dataset with their split. Admins change splits here until the first run (a
 * sequence's whole unit moves with it) and see the split warnings as they would be before saving.
 */
export function SequenceSplits({ datasetId, rows, showTruth, canEdit, locked, notes }: Props) {
  const router = useRouter();
  const [stored, setStored] = useState(() => new Map(rows.map((r) => [r.id, r.split])));
  const [pending, setPending] = useState<Map<string, Split>>(() => new Map());
  const [status, setStatus] = useState<Status | null>(null);
  const [edited, setEdited] = useState(false);
  const editable = canEdit && locked === null;
  const hasUnits = rows.some((r) => r.unit !== null);
  const splitOf = (id: string, fallback: Split) => pending.get(id) ?? stored.get(id) ?? fallback;
  const current = useMemo(
    () =>
      rows.map((r) => ({
        id: r.id,
        split: pending.get(r.id) ?? stored.get(r.id) ?? r.split,
        length: r.length,
        unit: r.unit,
        anomalous: showTruth ? (r.groundTruth?.anomalous ?? null) : null,
      })),
    [rows, pending, stored, showTruth],
  );
  const warnings = useMemo(
    () => [...(edited || pending.size > 0 ? [] : notes), ...splitWarnings(current)],
    [current, notes, edited, pending],
  );
  const sizes = sizesOf(current);
  const anomalous = (split: Split) => current.filter((s) => s.split === split && s.anomalous === true).length;

  function change(id: string, value: string) {
    const split = SPLITS.find((s) => s === value);
    if (!split) return;
    setStatus(null);
    setPending((p) =>
      moveSequence(
        rows.map((r) => ({ id: r.id, split: stored.get(r.id) ?? r.split, unit: r.unit })),
        p,
        id,
        split,
      ),
    );
  }

  async function save() {
    setStatus({ kind: "busy", text: "Saving…" });
    const changes = [...pending].map(([sequenceId, split]) => ({ sequenceId, split }));
    const r = await requestJson<EditResult>("PATCH", `/api/datasets/${datasetId}/splits`, { changes });
    if (!r.ok) return setStatus({ kind: "error", text: r.message });
    setStored(new Map(r.data.sequences.map((s) => [s.id, s.split])));
    setPending(new Map());
    setEdited(true);
    const recomputed = r.data.recomputed
      ? ` The training split changed: its z-score statistics, the window size (now ${r.data.windowSize ?? "—"}) and max |z| were recomputed.`
      : "";
    setStatus({ kind: "ok", text: `Saved: ${r.data.changed} ${r.data.changed === 1 ? "sequence" : "sequences"} moved.${recomputed}` });
    router.refresh();
  }

  return (
    <>
      {showTruth && (
        <section className="panel" data-testid="splits">
          <h2>Split{pending.size > 0 ? " (with your unsaved changes)" : ""}</h2>
          <p className="split-counts" data-testid="splits.counts">
            {SPLITS.map((s) => (
              <span key={s} data-split={s}>
                {s} <strong>{formatCount(sizes[s])}</strong>
                {current.some((c) => c.anomalous !== null) && <span className="muted"> ({anomalous(s)} anomalous)</span>}
              </span>
            ))}
          </p>
          {warnings.length > 0 ? (
            <SplitWarningList warnings={warnings} />
          ) : (
            <p className="ok" data-testid="split.ok">
              No warnings about this split.
            </p>
          )}
          {canEdit && locked !== null && (
            <p className="notice" data-testid="splits.locked">
              {locked}
            </p>
          )}
          {editable && (
            <p className="muted">
              Change a sequence&apos;s split in the table below{hasUnits ? " (all sequences of its unit move with it)" : ""}, then save.
              Splits lock once the dataset has a detector run.
            </p>
          )}
        </section>
      )}
      <section className="panel">
        <table data-testid="sequences.table">
          <thead>
            <tr>
              <th>#</th>
              <th>Name</th>
              {hasUnits && <th>Unit</th>}
              <th>Split</th>
              <th className="num">Length</th>
              <th className="num">max |z|</th>
              {showTruth && <th>Ground truth</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} data-testid="sequences.row" data-name={s.name} className={pending.has(s.id) ? "pending" : undefined}>
                <td>{s.index + 1}</td>
                <td>
                  <Link href={`/datasets/${datasetId}/sequences/${s.id}`} data-testid="sequences.link">
                    {s.name}
                  </Link>
                </td>
                {hasUnits && <td>{s.unit ?? "—"}</td>}
                <td>
                  {editable ? (
                    <select
                      value={splitOf(s.id, s.split)}
                      aria-label={`Split of ${s.name}`}
                      data-testid="sequences.split"
                      onChange={(e) => change(s.id, e.target.value)}
                    >
                      {SPLITS.map((split) => (
                        <option key={split} value={split}>
                          {split}
                        </option>
                      ))}
                    </select>
                  ) : (
                    splitOf(s.id, s.split)
                  )}
                </td>
                <td className="num">{formatCount(s.length)}</td>
                <td className="num">{s.maxAbsZ?.toFixed(2) ?? "—"}</td>
                {showTruth && (
                  <td data-testid="sequences.truth" title={s.groundTruth ? undefined : NO_TRUTH}>
                    {truthText(s.groundTruth)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {editable && (
          <div className="split-actions">
            <button type="button" onClick={save} disabled={pending.size === 0 || status?.kind === "busy"} data-testid="splits.save">
              Save splits{pending.size > 0 ? ` (${pending.size} ${pending.size === 1 ? "change" : "changes"})` : ""}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setPending(new Map())}
              disabled={pending.size === 0 || status?.kind === "busy"}
              data-testid="splits.reset"
            >
              Undo changes
            </button>
          </div>
        )}
        {status && (
          <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="splits.status">
            {status.text}
          </p>
        )}
      </section>
    </>
  );
}

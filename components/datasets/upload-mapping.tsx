"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { describeCellIssue, type CellIssue } from "@/lib/import/mapping-checks";
import { channelCandidates, NONE, updateForm, type MappingForm } from "./upload-form";
import { UploadSplitCheck } from "./upload-split-check";

type Props = {
  header: string[];
  form: MappingForm;
  /** Cells of the ticked channels, in the preview, that do not read as numbers. */
  issues: CellIssue[];
  fileCount: number;
  onChange: (form: MappingForm) => void;
  onSubmit: () => void;
  busy: boolean;
  children?: ReactNode;
};

function ColumnSelect({
  label,
  value,
  header,
  testId,
  onChange,
  none = "— none —",
}: {
  label: string;
  value: string;
  header: string[];
  testId: string;
  onChange: (v: string) => void;
  none?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        <option value={NONE}>{none}</option>
        {header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The cells the preview shows that the import would refuse or fill, each named, beside the channels:
 * the channel stays ticked until the admin unticks it (or picks forward fill for empty cells).
 * Scrolled into view whenever the cells it lists change.
 */
function CellIssues({
  issues,
  missing,
  onUntick,
}: {
  issues: CellIssue[];
  missing: MappingForm["missing"];
  onUntick: (column: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const key = issues.map((i) => `${i.column}:${i.row}`).join(",");
  useEffect(() => {
    if (key !== "") box.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [key]);
  if (issues.length === 0) return null;
  const described = issues.map((issue) => ({ issue, ...describeCellIssue(issue, missing) }));
  const blocking = described.some((d) => d.blocking);
  const columns = [...new Set(described.filter((d) => d.blocking).map((d) => d.issue.column))];
  return (
    <div
      ref={box}
      className={blocking ? "notice cell-issues" : "muted cell-issues"}
      role={blocking ? "alert" : "status"}
      data-testid="upload.cell-issues"
      data-blocking={blocking}
    >
      <ul>
        {described.map(({ issue, text }) => (
          <li key={`${issue.column}:${issue.row}`} data-testid="upload.cell-issue">
            {text}
          </li>
        ))}
      </ul>
      {columns.length > 0 && (
        <div className="cell-issue-actions">
          {columns.map((c) => (
            <button key={c} type="button" className="secondary" data-testid={`upload.untick.${c}`} onClick={() => onUntick(c)}>
              Leave “{c}” out
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The mapping step: which column is what, the rates, the split and what to do with empty cells. */
export function UploadMapping({ header, form, issues, fileCount, onChange, onSubmit, busy, children }: Props) {
  // Why a column left the channels (it was picked for another role); cleared when a channel is ticked or unticked.
  const [roleNote, setRoleNote] = useState<string | null>(null);
  const set = <K extends keyof MappingForm>(key: K, value: MappingForm[K]) => {
    const next = updateForm(form, { [key]: value });
    if (next.note) setRoleNote(next.note);
    else if (key === "channels") setRoleNote(null);
    onChange(next.form);
  };
  const candidates = channelCandidates(header, form);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="upload.mapping">
      <div className="mapping">
        <label className="wide">
          Dataset name
          <input value={form.name} data-testid="upload.name" onChange={(e) => set("name", e.target.value)} />
        </label>
        <ColumnSelect
          label="Timestamp column"
          value={form.timestampColumn}
          header={header}
          testId="upload.timestamp"
          none="— none: enter the rate —"
          onChange={(v) => set("timestampColumn", v)}
        />
        {form.timestampColumn === NONE ? (
          <label>
            Sampling rate (Hz)
            <input
              type="number"
              step="any"
              min="0"
              value={form.samplingRate}
              data-testid="upload.rate"
              onChange={(e) => set("samplingRate", e.target.value)}
            />
          </label>
        ) : (
          <p className="muted">The sampling rate is worked out from the timestamps.</p>
        )}
        <ColumnSelect
          label="Sequence column"
          value={form.sequenceColumn}
          header={header}
          testId="upload.sequence"
          none="— none: one sequence per file —"
          onChange={(v) => set("sequenceColumn", v)}
        />
        <ColumnSelect
          label="Ground-truth label column (0/1)"
          value={form.labelColumn}
          header={header}
          testId="upload.label"
          onChange={(v) => set("labelColumn", v)}
        />
        <ColumnSelect
          label="Unit column (vehicle, patient…: kept in one split)"
          value={form.unitColumn}
          header={header}
          testId="upload.unit"
          none="— none: every sequence stands alone —"
          onChange={(v) => set("unitColumn", v)}
        />
        <fieldset className="wide">
          <legend>Channels</legend>
          <div className="channel-picks">
            {candidates.map((h) => (
              <span key={h} className="channel-pick">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.channels.includes(h)}
                    data-testid={`upload.channel.${h}`}
                    onChange={(e) =>
                      set(
                        "channels",
                        e.target.checked
                          ? header.filter((c) => c === h || form.channels.includes(c))
                          : form.channels.filter((c) => c !== h),
                      )
                    }
                  />
                  {h}
                </label>
                <input
                  className="unit-input"
                  value={form.channelUnits[h] ?? ""}
                  placeholder="unit"
                  maxLength={24}
                  aria-label={`Unit of ${h} (optional)`}
                  title="Unit of measure, e.g. km/h — shown on the charts' axes"
                  disabled={!form.channels.includes(h)}
                  data-testid={`upload.channel-unit.${h}`}
                  onChange={(e) => set("channelUnits", { ...form.channelUnits, [h]: e.target.value })}
                />
              </span>
            ))}
          </div>
          <p className="muted role-note">Units are optional (km/h, °C, V…): they name the axes and the values in the charts.</p>
          {roleNote && (
            <p className="muted role-note" role="status" data-testid="upload.role-note">
              {roleNote}
            </p>
          )}
          <CellIssues
            issues={issues}
            missing={form.missing}
            onUntick={(c) =>
              set(
                "channels",
                form.channels.filter((x) => x !== c),
              )
            }
          />
        </fieldset>
        <label>
          Downsample to (Hz, optional)
          <input
            type="number"
            step="any"
            min="0"
            placeholder="keep the source rate"
            value={form.targetRate}
            data-testid="upload.target-rate"
            onChange={(e) => set("targetRate", e.target.value)}
          />
        </label>
        <label>
          Missing values
          <select
            value={form.missing}
            data-testid="upload.missing"
            onChange={(e) => set("missing", e.target.value === "ffill" ? "ffill" : "reject")}
          >
            <option value="reject">Reject the file</option>
            <option value="ffill">Forward-fill</option>
          </select>
        </label>
        <fieldset className="wide">
          <legend>Split into train / validation / test</legend>
          <label className="check">
            <input
              type="radio"
              checked={form.splitKind === "ratios"}
              data-testid="upload.split-ratios"
              onChange={() => set("splitKind", "ratios")}
            />
            by ratios, with a seed
          </label>{" "}
          <label className="check">
            <input
              type="radio"
              checked={form.splitKind === "column"}
              data-testid="upload.split-by-column"
              onChange={() => set("splitKind", "column")}
            />
            from a split column
          </label>
          {form.splitKind === "ratios" ? (
            <div className="ratios">
              {(["train", "validation", "test", "seed"] as const).map((k) => (
                <label key={k}>
                  {k}
                  <input
                    type="number"
                    step="any"
                    min="0"
                    value={form[k]}
                    data-testid={`upload.split-${k}`}
                    onChange={(e) => set(k, e.target.value)}
                  />
                </label>
              ))}
            </div>
          ) : (
            <ColumnSelect
              label="Split column (train / validation / test per row)"
              value={form.splitColumn}
              header={header}
              testId="upload.split-column"
              onChange={(v) => set("splitColumn", v)}
            />
          )}
          <UploadSplitCheck form={form} fileCount={fileCount} />
        </fieldset>
      </div>
      {children}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="upload.submit">
          Upload and import
        </button>
      </div>
    </form>
  );
}

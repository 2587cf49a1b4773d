"use client";

import type { FormEvent, ReactNode } from "react";
import { channelCandidates, NONE, type MappingForm } from "./upload-form";
import { UploadSplitCheck } from "./upload-split-check";

type Props = {
  header: string[];
  form: MappingForm;
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

/** The mapping step: which column is what, the rates, the split and what to do with empty cells. */
export function UploadMapping({ header, form, fileCount, onChange, onSubmit, busy, children }: Props) {
  const set = <K extends keyof MappingForm>(key: K, value: MappingForm[K]) => onChange({ ...form, [key]: value });
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
              <label key={h} className="check">
                <input
                  type="checkbox"
                  checked={form.channels.includes(h)}
                  data-testid={`upload.channel.${h}`}
                  onChange={(e) =>
                    set(
                      "channels",
                      e.target.checked ? header.filter((c) => c === h || form.channels.includes(c)) : form.channels.filter((c) => c !== h),
                    )
                  }
                />
                {h}
              </label>
            ))}
          </div>
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

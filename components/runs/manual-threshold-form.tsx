"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatThreshold } from "@/lib/labelling/labels";
import { MAX_REASON } from "@/lib/validations/threshold";
import { requestJson } from "../api-client";

type Props = { runId: string; manual: number | null; suggested: number | null };

/** An admin sets the run's manual threshold with a reason, or clears it (also with a reason). */
export function ManualThresholdForm({ runId, manual, suggested }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "busy" | "ok" | "error"; text: string } | null>(null);

  async function save(value: number | null, reason: string, form: HTMLFormElement) {
    setStatus({ kind: "busy", text: value === null ? "Clearing…" : "Saving…" });
    const r = await requestJson("PUT", `/api/runs/${runId}/manual-threshold`, { value, reason });
    if (!r.ok) {
      setStatus({ kind: "error", text: r.message });
      return;
    }
    form.reset();
    setStatus({ kind: "ok", text: value === null ? "Manual threshold cleared." : `Manual threshold set to ${formatThreshold(value)}.` });
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const clear = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("name") === "clear";
    const raw = String(data.get("value") ?? "").trim();
    const value = Number(raw);
    if (!clear && (raw === "" || !Number.isFinite(value))) {
      setStatus({ kind: "error", text: "Enter a number." });
      return;
    }
    void save(clear ? null : value, String(data.get("reason") ?? ""), form);
  }

  return (
    <section className="panel" data-testid="manual">
      <h2>Manual threshold</h2>
      <p className="muted">
        Overrides the refined and unsupervised thresholds for everyone until cleared; the labels keep refining theirs meanwhile. Recorded
        with your name and reason.
      </p>
      <form className="inline" onSubmit={onSubmit}>
        <label>
          Value
          <input name="value" type="number" step="any" defaultValue={suggested ?? undefined} data-testid="manual.value" />
        </label>
        <label>
          Reason
          <input name="reason" required minLength={3} maxLength={MAX_REASON} size={40} data-testid="manual.reason" />
        </label>
        <button type="submit" name="set" disabled={status?.kind === "busy"} data-testid="manual.set">
          Set manual threshold
        </button>
        {manual !== null && (
          <button type="submit" name="clear" className="secondary" disabled={status?.kind === "busy"} data-testid="manual.clear">
            Clear it
          </button>
        )}
      </form>
      {status && (
        <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="manual.status">
          {status.text}
        </p>
      )}
    </section>
  );
}

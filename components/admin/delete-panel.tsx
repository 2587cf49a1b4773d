"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "../api-client";

type Props = {
  kind: "dataset" | "run";
  /** DELETE target, e.g. /api/datasets/<id>. */
  url: string;
  /** What goes, in words (describeDeletion). */
  summary: string;
  /** For a dataset: the name the admin must type. */
  confirmName?: string;
  /** Where to go once it is gone. */
  after: string;
};

/** Admin: delete with care — the panel says what goes and asks for a deliberate confirmation. */
export function DeletePanel({ kind, url, summary, confirmName, after }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState<{ kind: "busy" | "error"; text: string } | null>(null);
  const ready = confirmName === undefined || typed.trim() === confirmName;

  async function remove() {
    setStatus({ kind: "busy", text: "Deleting…" });
    const body = kind === "dataset" ? { confirmName: typed } : { confirm: true };
    const r = await requestJson("DELETE", url, body);
    if (!r.ok) return setStatus({ kind: "error", text: r.message });
    router.push(after);
    router.refresh();
  }

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)} data-testid={`delete.${kind}`}>
        Delete this {kind}…
      </button>
    );
  }
  return (
    <section className="panel danger-zone" role="alertdialog" aria-label={`Delete this ${kind}`} data-testid="delete.dialog">
      <h2>Delete this {kind}?</h2>
      <p data-testid="delete.summary">{summary}</p>
      {confirmName !== undefined && (
        <label>
          Type <b>{confirmName}</b> to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="delete.confirmName" />
        </label>
      )}
      <div className="inline">
        <button type="button" className="danger" onClick={remove} disabled={!ready || status?.kind === "busy"} data-testid="delete.confirm">
          Delete {kind}
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            setTyped("");
            setStatus(null);
          }}
          data-testid="delete.cancel"
        >
          Cancel
        </button>
      </div>
      {status && (
        <p className={status.kind === "error" ? "error" : "muted"} data-testid="delete.status">
          {status.text}
        </p>
      )}
    </section>
  );
}

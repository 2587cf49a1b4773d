"use client";

import { formatThreshold, type ThresholdState } from "@/lib/labels";
import type { ThresholdView } from "@/lib/threshold-view";
import { pendingLabels, type OutboxState } from "./outbox";

const pct = (v: number | null) => (v === null ? "—" : v.toFixed(2));

type Props = {
  threshold: ThresholdState;
  /** "server": the value the server stored after this page's labels; "browser": this page's own, until the server answers. */
  origin: "browser" | "server";
  /** The stored row's version when the server's value is shown. */
  version: number | null;
  manual: ThresholdView | null;
  outbox: OutboxState;
  loading: boolean;
};

/** The labels' threshold (refined, or the unsupervised one and why), an admin's manual one when set, and the save status. */
export function ThresholdPanel({ threshold, origin, version, manual, outbox, loading }: Props) {
  const waiting = pendingLabels(outbox);
  return (
    <section className="panel label-threshold" aria-live="polite">
      <div>
        <div className="muted">{threshold.source === "refined" ? "Refined threshold" : "Threshold (unsupervised)"}</div>
        <div className="stat" data-testid="threshold.value" data-source={threshold.source} data-origin={origin}
          data-labels={threshold.labelCount} data-version={version ?? -1}>{formatThreshold(threshold.value)}</div>
        <div className="muted" data-testid="threshold.origin">{origin === "server" ? "as stored by the server" : "computed here until the server answers"}</div>
      </div>
      <div data-testid="threshold.f1">
        <div>F1 <b>{pct(threshold.f1)}</b> · precision <b>{pct(threshold.precision)}</b> · recall <b>{pct(threshold.recall)}</b></div>
        <div className="muted">
          {threshold.labelCount} labelled {threshold.labelCount === 1 ? "query" : "queries"} ({threshold.anomalousCount} anomalous){loading ? " · loading labels…" : ""}
        </div>
        {threshold.reason && <div className="muted" data-testid="threshold.reason">{threshold.reason}</div>}
        {threshold.warning && <div className="notice" data-testid="threshold.warning">{threshold.warning}</div>}
        {manual && (
          <div className="notice" data-testid="threshold.manual">
            An admin&apos;s manual threshold applies instead: <b>{formatThreshold(manual.value)}</b>{manual.createdBy ? ` (${manual.createdBy})` : ""} — {manual.reason}
          </div>
        )}
      </div>
      <div data-testid="threshold.sync" data-pending={waiting}>
        {waiting > 0 ? (
          <span className="notice">
            {waiting} {waiting === 1 ? "label" : "labels"} waiting to be saved
            {outbox.retryAt ? " — the server is not reachable; retrying" : outbox.sending ? " — saving…" : ""}
          </span>
        ) : outbox.sending ? (
          <span className="muted">Saving…</span>
        ) : (
          <span className="ok">All labels saved</span>
        )}
        {outbox.failures.map((f, i) => <div key={i} className="error">{f}</div>)}
      </div>
    </section>
  );
}

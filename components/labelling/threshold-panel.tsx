"use client";

import { formatThreshold, type ThresholdState } from "@/lib/labels";
import { pendingLabels, type OutboxState } from "./outbox";

const pct = (v: number | null) => (v === null ? "—" : v.toFixed(2));

/** The live threshold (refined from the labels, or the unsupervised one and why) and the save status. */
export function ThresholdPanel({ threshold, outbox, loading }: { threshold: ThresholdState; outbox: OutboxState; loading: boolean }) {
  const waiting = pendingLabels(outbox);
  return (
    <section className="panel label-threshold" aria-live="polite">
      <div>
        <div className="muted">{threshold.source === "refined" ? "Refined threshold" : "Threshold (unsupervised)"}</div>
        <div className="stat" data-testid="threshold.value" data-source={threshold.source}>{formatThreshold(threshold.value)}</div>
      </div>
      <div data-testid="threshold.f1">
        <div>F1 <b>{pct(threshold.f1)}</b> · precision <b>{pct(threshold.precision)}</b> · recall <b>{pct(threshold.recall)}</b></div>
        <div className="muted">
          {threshold.labelCount} labelled {threshold.labelCount === 1 ? "query" : "queries"} ({threshold.anomalousCount} anomalous){loading ? " · loading labels…" : ""}
        </div>
        {threshold.reason && <div className="muted" data-testid="threshold.reason">{threshold.reason}</div>}
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

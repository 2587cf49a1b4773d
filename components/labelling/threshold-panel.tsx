"use client";

import { formatThreshold, type ThresholdState } from "@/lib/labelling/labels";
import type { ThresholdView } from "@/lib/threshold/view";
import { describeInterval, type NamedSource } from "@/lib/threshold/interval";
import { useOutbox } from "./labelling-store-provider";

const pct = (v: number | null) => (v === null ? "—" : v.toFixed(2));
/** Below this many anomalous labels the page says F1 is an estimate. */
const FIRM_ANOMALOUS_LABELS = 5;

type Props = {
  threshold: ThresholdState;
  /** "server": the value the server stored after this page's labels; "browser": this page's own, until the server answers. */
  origin: "browser" | "server";
  /** The stored row's version when the server's value is shown. */
  version: number | null;
  manual: ThresholdView | null;
  loading: boolean;
  /** The labelled stretches the threshold was computed from, in the order of its candidates (names its bounds). */
  sources?: readonly NamedSource[];
  /** The run's query pool: its candidates, and how many of them no label covers (the "pool" objective weighs those). */
  pool?: { candidates: number; unlabelled: number };
};

/**
 * The labels' threshold (refined, or the unsupervised one and why), how certain it is (its placement,
 * optimal interval and the labelled stretches that bound it), a warning when it alarms on too many
 * labelled normals, an admin's manual one when set, and the save status.
 */
export function ThresholdPanel({ threshold, origin, version, manual, loading, sources = [], pool }: Props) {
  const waiting = useOutbox((o) => o.ops.length);
  const sending = useOutbox((o) => o.sending);
  const retrying = useOutbox((o) => o.retryAt !== null);
  const failures = useOutbox((o) => o.failures);
  const interval = describeInterval(threshold, sources);
  return (
    <section className="panel label-threshold" aria-live="polite">
      <div>
        <div className="muted">{threshold.source === "refined" ? "Refined threshold" : "Threshold (unsupervised)"}</div>
        <div
          className="stat"
          data-testid="threshold.value"
          data-source={threshold.source}
          data-origin={origin}
          data-labels={threshold.labelCount}
          data-version={version ?? -1}
        >
          {formatThreshold(threshold.value)}
        </div>
        <div className="muted" data-testid="threshold.origin">
          {origin === "server" ? "as stored by the server" : "computed here until the server answers"}
        </div>
      </div>
      <div data-testid="threshold.f1">
        <div>
          F1 <b>{pct(threshold.f1)}</b> · precision <b>{pct(threshold.precision)}</b> · recall <b>{pct(threshold.recall)}</b>
        </div>
        <div className="muted">
          {threshold.labelCount} labelled {threshold.labelCount === 1 ? "query" : "queries"} ({threshold.anomalousCount} anomalous)
          {loading ? " · loading labels…" : ""}
        </div>
        {threshold.source === "refined" && threshold.anomalousCount < FIRM_ANOMALOUS_LABELS && (
          <div className="notice" data-testid="threshold.caveat">
            F1 rests on {threshold.anomalousCount} anomalous {threshold.anomalousCount === 1 ? "label" : "labels"}: an estimate, not a
            measurement yet.
          </div>
        )}
        {pool && pool.candidates > 0 && (
          <div className="muted" data-testid="threshold.pool">
            Weighed against {pool.unlabelled} unlabelled of the query pool&apos;s {pool.candidates} stretches: a lower threshold must not
            alarm on most of them.
          </div>
        )}
        {threshold.reason && (
          <div className="muted" data-testid="threshold.reason">
            {threshold.reason}
          </div>
        )}
        {manual && (
          <div className="notice" data-testid="threshold.manual">
            An admin&apos;s manual threshold applies instead: <b>{formatThreshold(manual.value)}</b>
            {manual.createdBy ? ` (${manual.createdBy})` : ""} — {manual.reason}
          </div>
        )}
      </div>
      <div data-testid="threshold.sync" data-pending={waiting}>
        {waiting > 0 ? (
          <span className="notice">
            {waiting} {waiting === 1 ? "label" : "labels"} waiting to be saved
            {retrying ? " — the server is not reachable; retrying" : sending ? " — saving…" : ""}
          </span>
        ) : sending ? (
          <span className="muted">Saving…</span>
        ) : (
          <span className="ok">All labels saved</span>
        )}
        {failures.map((f, i) => (
          <div key={i} className="error">
            {f}
          </div>
        ))}
      </div>
      {interval && (
        <div className="label-interval">
          <div data-testid="threshold.placement" data-placement={threshold.placement ?? ""}>
            Placed by <b>{interval.placement}</b>
          </div>
          <div data-testid="threshold.band">
            <span className="label-band-swatch" aria-hidden="true" />
            Refined value <b>{formatThreshold(threshold.value)}</b> in the <b>{interval.interval}</b>: every threshold in it gives the
            labels the same F1.
          </div>
          <ul data-testid="threshold.bounds">
            <li data-testid="threshold.bounds.upper">{interval.upper}</li>
            <li data-testid="threshold.bounds.lower">{interval.lower}</li>
          </ul>
        </div>
      )}
      {threshold.warning && (
        <div className="notice label-warning" role="alert" data-testid="threshold.warning">
          ⚠ {threshold.warning}
        </div>
      )}
    </section>
  );
}

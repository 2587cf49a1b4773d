"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { defaultSelection, formatSeconds, mislabelsOf, stagesOf, type Selection } from "@/lib/charts/experiment-rows";
import type { ExperimentReport } from "@/lib/eval/report";
import { requestJson } from "../api-client";
import { ExperimentProgress } from "./experiment-progress";
import { FigurePanel } from "./figure-panel";
import { SettingsPanel } from "./settings-panel";
import { StatusBadge } from "./status-badge";

type Props = { initial: { report: ExperimentReport; updatedAt: string }; now: string; pollMs?: number };

/** A report that has not changed for this long while "running" probably belongs to a harness that stopped. */
const STALE_MS = 5 * 60_000;

/** Only what the user changed, so that untouched selectors keep following the defaults. */
function changed(before: Selection, after: Selection): Partial<Selection> {
  const out: Partial<Selection> = {};
  if (after.stage !== before.stage) out.stage = after.stage;
  if (after.mislabel !== before.mislabel) out.mislabel = after.mislabel;
  if (after.metric !== before.metric) out.metric = after.metric;
  return out;
}

/** One experiment: header, progress (polled while running), the figure, the table, settings, timings. */
export function ExperimentView({ initial, now: initialNow, pollMs = 2000 }: Props) {
  const [{ report, updatedAt }, setData] = useState(initial);
  const [now, setNow] = useState(() => new Date(initialNow));
  const [pollError, setPollError] = useState<string | null>(null);
  // Until someone picks a stage or rate, follow the defaults (they move as a running report fills in).
  const [chosen, setChosen] = useState<Partial<Selection>>({});
  const running = report.status === "running";

  useEffect(() => {
    if (!running) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const result = await requestJson<{ report: ExperimentReport; updatedAt: string }>("GET", `/api/experiments/${report.id}`);
      if (!live) return;
      setNow(new Date());
      if (result.ok) {
        setData(result.data);
        setPollError(null);
      } else {
        // A file caught half-written reads as unreadable once; keep the last good report and retry.
        setPollError(result.message);
      }
      timer = setTimeout(poll, pollMs);
    };
    timer = setTimeout(poll, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [report.id, running, pollMs]);

  // Keep the selection valid when a rewritten report changes its stages or mislabel rates.
  const stages = stagesOf(report);
  const mislabels = mislabelsOf(report);
  const fallback = defaultSelection(report);
  const selection: Selection = {
    stage: chosen.stage !== undefined && stages.includes(chosen.stage) ? chosen.stage : fallback.stage,
    mislabel: chosen.mislabel !== undefined && mislabels.includes(chosen.mislabel) ? chosen.mislabel : fallback.mislabel,
    metric: chosen.metric ?? fallback.metric,
  };
  const quietMs = now.getTime() - Date.parse(updatedAt);

  return (
    <div data-testid="exp.view" data-status={report.status}>
      <p className="crumbs">
        <Link href="/experiments">← Experiments</Link>
      </p>
      <div className="page-head">
        <h1>
          <span data-testid="exp.name">{report.name}</span> <StatusBadge status={report.status} />
        </h1>
        <a className="exp-button" href={`/api/experiments/${report.id}/download`} download data-testid="exp.download">
          Download JSON
        </a>
      </div>
      <p className="muted exp-meta">
        {report.dataset.name} · {report.settings.detector} on {report.settings.backend} · {report.settings.strategies.length} strategies ·
        budgets {report.settings.budgets.join(", ")} · <code>{report.id}</code>
      </p>
      {running && (
        <section className="panel" data-testid="exp.running">
          <ExperimentProgress progress={report.progress} />
          <p className="muted exp-live">
            Refreshes every {Math.round(pollMs / 1000)} s while the harness runs; the figure fills in as results arrive.
            {pollError && <span className="error"> Last refresh failed: {pollError}</span>}
          </p>
          {quietMs > STALE_MS && (
            <p className="notice" data-testid="exp.stale">
              The report has not changed for {formatSeconds(quietMs / 1000)}: the harness may have stopped without finishing.
            </p>
          )}
        </section>
      )}
      {report.status === "cancelled" && (
        <p className="panel notice" data-testid="exp.cancelled">
          {report.error ?? "The experiment was cancelled."} The rows below are those of the folds finished before.
        </p>
      )}
      {report.status === "failed" && (
        <p className="panel error" role="alert" data-testid="exp.error">
          The experiment failed: {report.error ?? "no reason was recorded."}
        </p>
      )}
      <FigurePanel
        report={report}
        selection={selection}
        onSelect={(next) => setChosen((prev) => ({ ...prev, ...changed(selection, next) }))}
      />
      <SettingsPanel report={report} now={now} />
    </div>
  );
}

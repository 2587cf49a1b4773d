import Link from "next/link";
import { elapsedSeconds, formatSeconds, formatWhen, type ExperimentEntry } from "@/lib/charts/experiment-rows";
import { ExperimentProgress } from "./experiment-progress";
import { StatusBadge } from "./status-badge";

/** Every experiment report; running ones with their progress, unreadable files with the reason. */
export function ExperimentsTable({ entries, now }: { entries: ExperimentEntry[]; now: Date }) {
  return (
    <section className="panel exp-list">
      <table data-testid="exp.table">
        <thead>
          <tr>
            <th>Experiment</th>
            <th>Dataset</th>
            <th>Detector</th>
            <th>Status</th>
            <th>Started (UTC)</th>
            <th className="exp-col-progress">Progress</th>
            <th>Report</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (e.ok ? <ReadableRow key={e.id} entry={e} now={now} /> : <UnreadableRow key={e.id} entry={e} />))}
        </tbody>
      </table>
    </section>
  );
}

function ReadableRow({ entry, now }: { entry: Extract<ExperimentEntry, { ok: true }>; now: Date }) {
  const r = entry.report;
  return (
    <tr data-testid="exp.item" data-id={entry.id} data-status={r.status}>
      <td>
        <Link href={`/experiments/${entry.id}`} data-testid="exp.link">
          {r.name}
        </Link>
        <div className="muted exp-id">{entry.id}</div>
      </td>
      <td>
        {r.dataset.name}
        <div className="muted exp-id">
          {r.dataset.sequences} sequences · {r.dataset.channels} channels
        </div>
      </td>
      <td>
        {r.settings.detector}
        <div className="muted exp-id">{r.settings.backend}</div>
      </td>
      <td>
        <StatusBadge status={r.status} />
      </td>
      <td className="exp-nowrap">{formatWhen(r.createdAt)}</td>
      <td>
        {r.status === "running" ? (
          <ExperimentProgress progress={r.progress} compact />
        ) : (
          <span className="muted">
            {r.status === "failed" ? (
              <span className="error" title={r.error}>
                failed after {formatSeconds(elapsedSeconds(r, now))}
              </span>
            ) : r.status === "cancelled" ? (
              <span title={r.error}>cancelled after {formatSeconds(elapsedSeconds(r, now))}</span>
            ) : (
              `took ${formatSeconds(elapsedSeconds(r, now))}`
            )}
            {" · "}
            {r.rows.length} rows
          </span>
        )}
      </td>
      <td>
        <a href={`/api/experiments/${entry.id}/download`} download data-testid="exp.download">
          JSON
        </a>
      </td>
    </tr>
  );
}

function UnreadableRow({ entry }: { entry: Extract<ExperimentEntry, { ok: false }> }) {
  return (
    <tr data-testid="exp.item" data-id={entry.id} data-status="unreadable" className="exp-unreadable">
      <td>
        <span className="exp-file">{entry.id}.json</span>
      </td>
      <td colSpan={2} className="error" data-testid="exp.unreadable">
        {entry.error}
      </td>
      <td>
        <StatusBadge status="unreadable" />
      </td>
      <td className="exp-nowrap muted" title="when the file last changed">
        {formatWhen(entry.updatedAt)}
      </td>
      <td />
      <td />
    </tr>
  );
}

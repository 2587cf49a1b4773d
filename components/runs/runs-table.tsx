import Link from "next/link";

export type RunListItem = {
  id: string;
  detector: string;
  status: string;
  backend: string | null;
  threshold: number | null;
  scored: number;
  createdAt: string;
  createdBy: string;
};

export function RunsTable({ runs, sequenceCount }: { runs: RunListItem[]; sequenceCount: number }) {
  if (runs.length === 0)
    return (
      <p className="panel muted" data-testid="runs.empty">
        No runs yet.
      </p>
    );
  return (
    <section className="panel">
      <table data-testid="runs.table">
        <thead>
          <tr>
            <th>Started</th>
            <th>Detector</th>
            <th>Status</th>
            <th>Backend</th>
            <th className="num">Scored</th>
            <th className="num">Threshold</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="runs.row" data-status={r.status}>
              <td>
                <Link href={`/runs/${r.id}`}>{r.createdAt.slice(0, 16).replace("T", " ")}</Link>
              </td>
              <td>{r.detector}</td>
              <td data-testid="runs.status">{r.status}</td>
              <td>{r.backend ?? "—"}</td>
              <td className="num">
                {r.scored} / {sequenceCount}
              </td>
              <td className="num">{r.threshold?.toFixed(3) ?? "—"}</td>
              <td>{r.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

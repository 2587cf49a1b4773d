import { formatRate, formatStat, isBaseline, tableRows } from "@/lib/charts/experiment-rows";
import type { ExperimentReport, ReportRow } from "@/lib/eval/report";

type Props = { report: ExperimentReport; stage: number; mislabel: number };

function budgetText(r: ReportRow): string {
  if (r.budget === null) return "—";
  const perStage = r.budgetPerStage;
  return perStage !== undefined && perStage !== null && perStage !== r.budget ? `${r.budget} (${perStage}/stage)` : String(r.budget);
}

/** A stage's rows, mean ± std over seeds × folds; the rows of the chosen mislabel rate stand out. */
export function ResultsTable({ report, stage, mislabel }: Props) {
  const rows = tableRows(report, stage);
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="exp.noRows">
        No results for this stage yet.
      </p>
    );
  const hasLabels = rows.some((r) => r.labels !== undefined);
  const hasRefined = rows.some((r) => r.refined !== undefined);
  return (
    <div className="exp-table-wrap">
      <table className="exp-results" data-testid="exp.results">
        <thead>
          <tr>
            <th>Strategy</th>
            <th className="num">Budget</th>
            <th className="num">Mislabel</th>
            <th className="num">F1</th>
            <th className="num">Precision</th>
            <th className="num">Recall</th>
            <th className="num">Delay (s)</th>
            <th className="num">Threshold</th>
            {hasLabels && (
              <th className="num" title="labels actually bought (fewer than the budget when candidates ran out)">
                Labels
              </th>
            )}
            {hasRefined && (
              <th className="num" title="share of runs whose threshold was refined from the labels">
                Refined
              </th>
            )}
            <th className="num" title="runs aggregated (seeds × folds)">
              n
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const baseline = isBaseline(r.strategy);
            const dimmed = !baseline && r.mislabel !== mislabel;
            return (
              <tr
                key={`${r.strategy}|${r.budget}|${r.mislabel}`}
                className={baseline ? "exp-baseline" : dimmed ? "exp-dimmed" : undefined}
                data-testid="exp.row"
                data-strategy={r.strategy}
                data-budget={r.budget ?? ""}
                data-mislabel={r.mislabel ?? ""}
              >
                <td>{r.strategy}</td>
                <td className="num">{budgetText(r)}</td>
                <td className="num">{r.mislabel === null ? "—" : formatRate(r.mislabel)}</td>
                <td className="num exp-f1">{formatStat(r.f1)}</td>
                <td className="num">{formatStat(r.precision)}</td>
                <td className="num">{formatStat(r.recall)}</td>
                <td className="num">{formatStat(r.delay, 1)}</td>
                <td className="num">{formatStat(r.threshold, 2)}</td>
                {hasLabels && <td className="num">{r.labels ? formatStat(r.labels, 1) : "—"}</td>}
                {hasRefined && <td className="num">{r.refined === undefined ? "—" : formatRate(r.refined)}</td>}
                <td className="num">{r.n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

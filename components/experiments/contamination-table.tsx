import { contaminationRows } from "@/lib/charts/experiment-rows";
import type { ExperimentReport } from "@/lib/eval/report";

type Props = { report: ExperimentReport; stage: number; mislabel: number };

const fixed = (v: number | null) => (v === null ? "—" : v.toFixed(3));

/**
 * How much of the pool is anomalous, as the labels estimate it (α̂, importance-weighted by the draw
 * probabilities) against the truth and the plain labelled fraction, per strategy and budget; only
 * strategies that draw at random give an estimate. Shown when the report holds the table.
 */
export function ContaminationTable({ report, stage, mislabel }: Props) {
  const rows = contaminationRows(report, stage, mislabel);
  if (rows.length === 0) return null;
  const refined = rows.some((r) => r.used !== null);
  return (
    <div className="exp-table-wrap">
      <h3>Contamination: α̂ from the labels against the pool&apos;s true share of anomalies</h3>
      <table className="exp-results" data-testid="exp.contamination">
        <thead>
          <tr>
            <th>Strategy</th>
            <th className="num">Budget</th>
            <th className="num">Runs</th>
            <th className="num">True α</th>
            <th className="num">α̂ (mean ± sd)</th>
            <th className="num">95 % interval</th>
            <th className="num" title="the share of labelled units that were anomalous: biased when the draws are not uniform">
              Labelled fraction
            </th>
            {refined && <th className="num">α fine-tuned with</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.strategy}|${r.budget}`} data-testid="exp.contamination.row" data-strategy={r.strategy} data-budget={r.budget}>
              <td>{r.strategy}</td>
              <td className="num">{r.budget}</td>
              <td className="num">{r.estimated === r.runs ? r.runs : `${r.runs} (${r.estimated} with α̂)`}</td>
              <td className="num">{fixed(r.truth)}</td>
              <td className="num" data-testid="exp.contamination.estimate">
                {r.estimate ? `${r.estimate.mean.toFixed(3)} ± ${r.estimate.std.toFixed(3)}` : "— (deterministic)"}
              </td>
              <td className="num">{r.lower === null || r.upper === null ? "—" : `[${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}]`}</td>
              <td className="num">{fixed(r.naive)}</td>
              {refined && <td className="num">{fixed(r.used)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

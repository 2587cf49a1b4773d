import Link from "next/link";
import { formatDuration, formatValue } from "@/lib/format";
import type { ComparedRun, TestScore, ThresholdKind } from "@/lib/runs/compare";

type Props = { runs: ComparedRun[]; groundTruth: boolean; testSequences: number; best: string | null };

const KINDS: ThresholdKind[] = ["unsupervised", "refined", "manual"];

function Cell({ value, score, inEffect, showF1 }: { value: number | null; score: TestScore | null; inEffect: boolean; showF1: boolean }) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <>
      <div style={{ fontWeight: inEffect ? 700 : undefined }} title={inEffect ? "the threshold in effect" : undefined}>
        {formatValue(value)}
        {inEffect && <span className="muted"> ✓</span>}
      </div>
      {showF1 && (
        <div className="muted" data-testid="compare.f1">
          {score ? `F1 ${score.f1.toFixed(2)} · P ${score.precision.toFixed(2)} · R ${score.recall.toFixed(2)}` : "F1 —"}
        </div>
      )}
    </>
  );
}

/** The runs of a dataset side by side: thresholds (the one in effect ticked), F1 on the test split where it has ground truth, time. */
export function RunsComparison({ runs, groundTruth, testSequences, best }: Props) {
  if (runs.length < 2) return null;
  return (
    <section className="panel" data-testid="compare">
      <h2>Runs compared</h2>
      <p className="muted">
        {groundTruth
          ? `F1, precision and recall on the ${testSequences} test sequences with ground truth, each sequence a candidate (a hit is the first alarm at or after the onset), for complete runs only.`
          : "No test sequence has ground truth, so no F1: only thresholds and times are compared."}{" "}
        The threshold in effect is ticked; time is from start to finish, training and scoring.
      </p>
      <div style={{ overflowX: "auto" }}>
        <table data-testid="compare.table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Detector</th>
              <th>Status</th>
              {KINDS.map((k) => (
                <th key={k} className="num">
                  {k}
                </th>
              ))}
              <th className="num">Time</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr
                key={r.id}
                data-testid="compare.row"
                data-detector={r.detector}
                className={r.id === best && runs.length > 1 ? "best-row" : undefined}
              >
                <td>
                  <Link href={`/runs/${r.id}`}>{r.createdAt.slice(0, 16).replace("T", " ")}</Link>
                  {r.id === best && <div className="muted">best F1 in effect</div>}
                </td>
                <td>{r.detector}</td>
                <td>{r.status}</td>
                {KINDS.map((k) => (
                  <td key={k} className="num" data-testid={`compare.${k}`}>
                    <Cell value={r.thresholds[k]} score={r.test?.[k] ?? null} inEffect={r.inEffect === k} showF1={groundTruth} />
                  </td>
                ))}
                <td className="num">{r.tookMs === null ? "—" : formatDuration(r.tookMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

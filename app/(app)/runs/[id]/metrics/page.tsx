import Link from "next/link";
import { notFound } from "next/navigation";
import { F1CurveChart, HistoryChart } from "@/components/runs/metrics-charts";
import { THRESHOLD_COLOURS, type MarkedThreshold } from "@/lib/charts/metrics-options";
import { AppError } from "@/lib/errors";
import { formatValue } from "@/lib/format";
import type { ThresholdMetrics } from "@/lib/runs/metrics";
import { assertRunAccess } from "@/lib/server/access";
import { requirePageUser } from "@/lib/server/auth";
import { runMetrics } from "@/lib/server/run-metrics";
import "@/components/runs/metrics.css";

const EXPLAIN: Record<MarkedThreshold["name"], string> = {
  unsupervised: "max score on the validation split",
  refined: "from the experts' labels",
  best: "highest test F1 any threshold reaches",
  manual: "set by an admin (in effect)",
};

function seconds(value: number | null): string {
  return value === null ? "—" : `${formatValue(value, 3)} s`;
}

/** A run's metrics against the test split's ground truth: admins and analysts only (experts get 403). */
export default async function RunMetricsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/runs/${id}/metrics`, "analyse");
  await assertRunAccess(user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const m = await runMetrics(id);
  const rows = (["unsupervised", "refined", "best", "manual"] as const).flatMap((name) => {
    const value: ThresholdMetrics | null = m[name];
    return value ? [{ name, value }] : [];
  });
  const marks: MarkedThreshold[] = rows.map((r) => ({ name: r.name, value: r.value.threshold, f1: r.value.f1 }));
  const changes = m.history.length - 1;
  return (
    <>
      <p className="muted">
        <Link href={`/runs/${id}`}>← run {m.run.detector}</Link> · {m.run.datasetName}
      </p>
      <h1>Metrics against ground truth</h1>
      <p className="muted metrics-scope" data-testid="metrics.scope">
        Test split: {m.testSequences} sequence{m.testSequences === 1 ? "" : "s"} with ground truth ({m.anomalous} anomalous), each a whole
        candidate under online evaluation — an alarm before the onset is a false positive; delay = first alarm − onset, in seconds at{" "}
        {formatValue(m.samplingRate)} Hz.
      </p>
      {m.unavailable ? (
        <p className="panel" data-testid="metrics.unavailable">
          {m.unavailable}
        </p>
      ) : (
        <>
          <section className="panel metrics-top">
            <table data-testid="metrics.table" className="metrics-table">
              <thead>
                <tr>
                  <th>Threshold</th>
                  <th className="num">Value (score)</th>
                  <th className="num">F1</th>
                  <th className="num">Precision</th>
                  <th className="num">Recall</th>
                  <th className="num">Mean delay</th>
                  <th
                    className="num"
                    title="true positives · false positives (premature alarms included) · false negatives · true negatives"
                  >
                    TP · FP · FN · TN
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ name, value }) => (
                  <tr key={name} data-testid="metrics.row" data-kind={name}>
                    <td>
                      <span className="metrics-swatch" style={{ background: THRESHOLD_COLOURS[name] }} aria-hidden />
                      <strong>{name}</strong> <span className="muted">— {EXPLAIN[name]}</span>
                    </td>
                    <td className="num" data-testid="metrics.value">
                      {formatValue(value.threshold)}
                    </td>
                    <td className="num" data-testid="metrics.f1">
                      <strong>{value.f1.toFixed(2)}</strong>
                    </td>
                    <td className="num" data-testid="metrics.precision">
                      {value.precision.toFixed(2)}
                    </td>
                    <td className="num" data-testid="metrics.recall">
                      {value.recall.toFixed(2)}
                    </td>
                    <td className="num" data-testid="metrics.delay">
                      {seconds(value.meanDelay)}
                    </td>
                    <td className="num muted">
                      {value.tp} · {value.fp} · {value.fn} · {value.tn}
                    </td>
                  </tr>
                ))}
                {m.refined === null && (
                  <tr data-testid="metrics.noRefined">
                    <td colSpan={7} className="muted">
                      No refined threshold yet: the labels do not refine one (none yet, no anomalous label, or F1 0 on them).
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <h2 className="metrics-h2">F1 on the test split as a function of the threshold</h2>
            <F1CurveChart curve={m.curve} marks={marks} />
          </section>
          <section className="panel">
            <h2>As labels came in</h2>
            {changes <= 0 ? (
              <p className="muted" data-testid="metrics.noHistory">
                No label yet: the unsupervised threshold is the only one.
              </p>
            ) : (
              <>
                <p className="muted">
                  The labels&apos; threshold after each of {changes} stored change{changes === 1 ? "" : "s"} (a label, an undo or a
                  resolution), and its F1 on the test split; a withdrawn refinement falls back to the unsupervised threshold.
                </p>
                <HistoryChart steps={m.history} />
                <table data-testid="metrics.batches">
                  <thead>
                    <tr>
                      <th>After query batch</th>
                      <th className="num">Labels</th>
                      <th className="num">Labels&apos; threshold</th>
                      <th className="num">Test F1</th>
                      <th className="num">Precision</th>
                      <th className="num">Recall</th>
                      <th className="num">Mean delay</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.batches.map((s) => (
                      <tr key={s.step} data-testid="metrics.batch" data-batch={s.batch ?? ""}>
                        <td>
                          batch {s.batch} of {m.batchCount}
                        </td>
                        <td className="num">{s.labelCount}</td>
                        <td className="num">
                          {formatValue(s.threshold)} <span className="muted">{s.refined ? "refined" : "unsupervised"}</span>
                        </td>
                        <td className="num" data-testid="metrics.batchF1">
                          {s.test ? s.test.f1.toFixed(2) : "—"}
                        </td>
                        <td className="num">{s.test ? s.test.precision.toFixed(2) : "—"}</td>
                        <td className="num">{s.test ? s.test.recall.toFixed(2) : "—"}</td>
                        <td className="num">{seconds(s.test?.meanDelay ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

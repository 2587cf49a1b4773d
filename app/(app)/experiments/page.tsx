import { AutoRefresh } from "@/components/experiments/auto-refresh";
import { ExperimentsTable } from "@/components/experiments/experiments-table";
import { requirePageUser } from "@/lib/server/auth";
import { listExperiments } from "@/lib/server/experiments";

export default async function ExperimentsPage() {
  await requirePageUser("/experiments", "analyse");
  const entries = await listExperiments();
  const running = entries.some((e) => e.ok && e.report.status === "running");
  return (
    <>
      <div className="page-head">
        <h1>Experiments</h1>
        <span className="muted">Reports of the evaluation harness: query strategies against label budgets, with a simulated expert.</span>
      </div>
      {entries.length === 0 ? (
        <section className="panel exp-empty" data-testid="exp.empty">
          <p>
            <strong>No experiment yet.</strong> Experiments are run by the evaluation harness on the server, from the project folder:
          </p>
          <pre className="exp-command">npm run eval -- --quick</pre>
          <p className="muted">
            It trains the detector, queries with every strategy for a range of budgets, labels with a simulated expert and writes a report
            to <code>DATA_DIR/experiments/&lt;id&gt;.json</code>; it appears here as soon as it starts, with its progress.{" "}
            <code>npm run eval -- --help</code> lists the options (dataset, detector, budgets, mislabel rates, seeds, folds, stages).
          </p>
        </section>
      ) : (
        <ExperimentsTable entries={entries} now={new Date()} />
      )}
      <AutoRefresh active={running} />
    </>
  );
}

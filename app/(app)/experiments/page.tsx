import { AutoRefresh } from "@/components/experiments/auto-refresh";
import { ExperimentsTable } from "@/components/experiments/experiments-table";
import { StartExperiment } from "@/components/experiments/start-experiment";
import { can } from "@/lib/roles";
import { requirePageUser } from "@/lib/server/auth";
import { activeJob, latestJob } from "@/lib/server/experiment-jobs";
import { listExperiments } from "@/lib/server/experiments";

export default async function ExperimentsPage() {
  const user = await requirePageUser("/experiments", "analyse");
  const [entries, active, latest] = await Promise.all([listExperiments(), activeJob(), latestJob()]);
  const running = entries.some((e) => e.ok && e.report.status === "running");
  const reportOf = (id: string) => entries.find((e) => e.id === id);
  const activeEntry = active ? reportOf(active.reportId) : undefined;
  const failedEarly = latest && latest.status === "failed" && !reportOf(latest.reportId) ? latest : null;
  return (
    <>
      <div className="page-head">
        <h1>Experiments</h1>
        <span className="muted">Reports of the evaluation harness: query strategies against label budgets, with a simulated expert.</span>
      </div>
      {can(user.role, "runExperiments") && (
        <StartExperiment
          active={active ? { ...active, progress: activeEntry?.ok ? activeEntry.report.progress : null } : null}
          failedEarly={failedEarly}
        />
      )}
      {entries.length === 0 ? (
        <section className="panel exp-empty" data-testid="exp.empty">
          <p>
            <strong>No experiment yet.</strong>{" "}
            {can(user.role, "runExperiments")
              ? "Start one above, or run the evaluation harness on the server, from the project folder:"
              : "An admin starts one from this page, or runs the evaluation harness on the server, from the project folder:"}
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
      <AutoRefresh active={running || active !== null} ms={1500} />
    </>
  );
}

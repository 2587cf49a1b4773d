import Link from "next/link";
import { notFound } from "next/navigation";
import { LossChart } from "@/components/runs/loss-chart";
import { DisagreementsPanel } from "@/components/labelling/disagreements-panel";
import { BatchList } from "@/components/queries/batch-list";
import { QueryPanel } from "@/components/queries/query-panel";
import { ScoreExplorer } from "@/components/runs/score-explorer";
import { AppError } from "@/lib/errors";
import { bandLabel, storedInterval } from "@/lib/charts/threshold-band";
import { formatThreshold } from "@/lib/labels";
import { detectorWindow } from "@/lib/query/segment-length";
import { can } from "@/lib/roles";
import type { LossPoint } from "@/lib/run-charts";
import { assertRunAccess } from "@/lib/server/access";
import { requirePageUser } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { listBatches } from "@/lib/server/queries";
import { currentThresholds, getRun, listRunScores } from "@/lib/server/runs";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/runs/${id}`, "analyse");
  await assertRunAccess(user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [run, scores, thresholds, batches] = await Promise.all([getRun(id), listRunScores(id), currentThresholds(id), listBatches(id)]);
  const threshold = thresholds.refined?.value ?? thresholds.unsupervised?.value ?? run.threshold;
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: run.datasetId }, select: { name: true, samplingRate: true, sequenceCount: true } });
  const refinedInterval = storedInterval(thresholds.refined);
  const metrics = (run.metrics ?? {}) as { epochs?: LossPoint[]; bestEpoch?: number };
  return (
    <>
      <p className="muted"><Link href={`/datasets/${run.datasetId}/runs`}>← runs of {dataset.name}</Link></p>
      <h1>Run {run.detector} <span className="badge" data-testid="runpage.status">{run.status}</span></h1>
      <section className="panel grid-2">
        <div><div className="muted">Backend</div><div data-testid="runpage.backend">{run.backend ?? "—"}</div><div className="muted">{run.backendReason}</div></div>
        <div><div className="muted">Scored sequences</div><div className="stat" data-testid="runpage.scored">{scores.length} / {dataset.sequenceCount}</div></div>
        <div><div className="muted">Unsupervised threshold (max validation score)</div><div className="stat" data-testid="runpage.threshold">{thresholds.unsupervised?.value.toFixed(3) ?? run.threshold?.toFixed(3) ?? "—"}</div></div>
        <div>
          <div className="muted">Refined threshold (from the experts&apos; labels)</div>
          <div className="stat" data-testid="runpage.refined">{formatThreshold(thresholds.refined?.value ?? null)}</div>
          {thresholds.refined && <div className="muted">F1 {thresholds.refined.f1?.toFixed(2) ?? "—"} on {thresholds.refined.labelCount} labelled queries</div>}
          {refinedInterval && <div className="muted" data-testid="runpage.interval">{bandLabel(refinedInterval)}</div>}
        </div>
        <div><div className="muted">Settings</div><code>{JSON.stringify(run.config)}</code></div>
      </section>
      {run.error && <p className="error" data-testid="runpage.error">{run.error}</p>}
      {metrics.epochs && metrics.epochs.length > 0 && (
        <section className="panel">
          <h2>Training{metrics.bestEpoch !== undefined && <span className="muted"> — best epoch {metrics.bestEpoch}</span>}</h2>
          <LossChart epochs={metrics.epochs} />
        </section>
      )}
      {scores.length > 0 && (
        <ScoreExplorer
          runId={id}
          samplingRate={dataset.samplingRate}
          sequences={scores}
          unsupervised={thresholds.unsupervised?.value ?? run.threshold}
          refined={thresholds.refined?.value ?? null}
          interval={refinedInterval}
        />
      )}
      {run.status === "complete" && can(user.role, "requestQueries") && (
        <QueryPanel
          runId={id}
          threshold={threshold}
          longestSequence={Math.max(2, ...scores.map((s) => s.length))}
          sequences={scores.map((s) => ({ sequenceId: s.sequenceId, split: s.split, length: s.length }))}
          window={detectorWindow(run.detector, run.config)}
        />
      )}
      {batches.length > 0 && (
        <DisagreementsPanel
          runId={id}
          canResolve={can(user.role, "resolveLabels")}
          unsupervised={thresholds.unsupervised?.value ?? run.threshold}
          samplingRate={dataset.samplingRate}
          sequenceNames={Object.fromEntries(scores.map((s) => [s.sequenceId, s.name]))}
        />
      )}
      {run.status === "complete" && <BatchList runId={id} batches={batches} threshold={threshold} />}
    </>
  );
}

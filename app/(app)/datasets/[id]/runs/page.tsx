import Link from "next/link";
import { notFound } from "next/navigation";
import { RunLauncher } from "@/components/runs/run-launcher";
import { RunsComparison } from "@/components/runs/runs-comparison";
import { RunsTable } from "@/components/runs/runs-table";
import { AppError } from "@/lib/errors";
import type { ChannelSummary } from "@/lib/preprocess";
import { can } from "@/lib/roles";
import type { Split } from "@/lib/series/types";
import { requirePageUser } from "@/lib/server/auth";
import { getDatasetDetail } from "@/lib/server/datasets";
import { db } from "@/lib/server/db";
import { compareRuns } from "@/lib/server/run-comparison";
import { listRuns } from "@/lib/server/runs";

export default async function DatasetRunsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/datasets/${id}/runs`, "analyse");
  const detail = await getDatasetDetail(id, user, false).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [runs, stats] = await Promise.all([listRuns(id), db.dataset.findUnique({ where: { id }, select: { trainStats: true } })]);
  const trainStats = stats?.trainStats as ChannelSummary | null;
  const comparison = runs.length > 1 ? await compareRuns(id, runs) : null;
  return (
    <>
      <p className="muted">
        <Link href={`/datasets/${id}`}>← {detail.dataset.name}</Link>
      </p>
      <h1>Detector runs</h1>
      {can(user.role, "startRuns") && trainStats && (
        <>
          <h2>New run</h2>
          <p className="muted">
            Trains in this browser tab (a web worker on the fastest backend this machine has), then scores every sequence and stores the
            model, the scores and the unsupervised threshold. Keep the tab open until it is done.
          </p>
          <RunLauncher
            datasetId={id}
            datasetWindow={detail.dataset.windowSize}
            channelCount={detail.dataset.channelNames.length}
            sequences={detail.sequences.map((s) => ({ id: s.id, split: s.split as Split, length: s.length }))}
            trainStats={{ mean: trainStats.mean, std: trainStats.std }}
          />
        </>
      )}
      <h2>Runs</h2>
      <RunsTable
        runs={runs.map((r) => ({
          id: r.id,
          detector: r.detector,
          status: r.status,
          backend: r.backend,
          threshold: r.threshold,
          scored: r._count.scores,
          createdAt: r.createdAt.toISOString(),
          createdBy: r.createdBy?.name ?? "—",
        }))}
        sequenceCount={detail.dataset.sequenceCount}
      />
      {comparison && <RunsComparison {...comparison} />}
    </>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { DeletePanel } from "@/components/admin/delete-panel";
import { ExportPanel } from "@/components/runs/export-panel";
import { LossChart } from "@/components/runs/loss-chart";
import { DisagreementsPanel } from "@/components/labelling/disagreements-panel";
import { BatchList } from "@/components/queries/batch-list";
import { QueryPanel } from "@/components/queries/query-panel";
import { ManualThresholdForm } from "@/components/runs/manual-threshold-form";
import { RefineSection } from "@/components/runs/refine-section";
import { ScoreExplorer } from "@/components/runs/score-explorer";
import { describeDeletion } from "@/lib/deletion-summary";
import { ThresholdDetails } from "@/components/runs/threshold-details";
import { AppError } from "@/lib/errors";
import { formatThreshold } from "@/lib/labelling/labels";
import { detectorWindow } from "@/lib/query/segment-length";
import { can } from "@/lib/roles";
import type { LossPoint } from "@/lib/charts/run-options";
import { assertRunAccess } from "@/lib/server/access";
import { requirePageUser } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { runDeletionSummary } from "@/lib/server/deletion";
import { listBatches } from "@/lib/server/queries";
import { listRunLabels } from "@/lib/server/labels";
import { refineView } from "@/lib/server/refine";
import { getRun, listRunScores, runSparklines } from "@/lib/server/runs";
import { currentThresholds } from "@/lib/server/thresholds";
import { runSettings, trainsInEpochs } from "@/lib/run-settings";
import { detectorSpec } from "@/lib/detectors/registry";
import { describeLabelBy, labelStates, type ExplorerRow } from "@/lib/runs/explorer";
import { effectiveLabel } from "@/lib/labelling/labels";
import { thresholdInEffect } from "@/lib/threshold/view";
import type { ChannelSummary } from "@/lib/preprocess";

/** Points per sequence in the score explorer's small plots. */
const SPARK_POINTS = 100;

type Search = Record<string, string | string[] | undefined>;

export default async function RunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const search = await searchParams;
  const one = (key: string) => (typeof search[key] === "string" ? search[key] : undefined);
  const user = await requirePageUser(`/runs/${id}`, "analyse");
  await assertRunAccess(user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [run, scores, thresholds, batches, labelled, sparks] = await Promise.all([
    getRun(id),
    listRunScores(id),
    currentThresholds(id),
    listBatches(id),
    listRunLabels(id),
    runSparklines(id, SPARK_POINTS),
  ]);
  const unsupervised = thresholds.unsupervised?.value ?? run.threshold;
  const refined = thresholds.fromLabels?.kind === "refined" ? thresholds.fromLabels.value : null;
  const inEffect = thresholdInEffect(thresholds, run.threshold);
  const threshold = inEffect.value;
  const sequenceNames = Object.fromEntries(scores.map((s) => [s.sequenceId, s.name]));
  const dataset = await db.dataset.findUniqueOrThrow({
    where: { id: run.datasetId },
    select: { name: true, samplingRate: true, sequenceCount: true, trainStats: true },
  });
  // ALOE's strategies embed the candidates with the run's detector: they need its weights and z-scoring.
  const hasWeights = (await db.detectorRun.findUnique({ where: { id }, select: { weightsSpec: true } }))?.weightsSpec != null;
  const trainStats = dataset.trainStats as ChannelSummary | null;
  const embedding =
    hasWeights && trainStats ? { datasetId: run.datasetId, trainStats: { mean: trainStats.mean, std: trainStats.std } } : null;
  const refinedInterval = thresholds.fromLabels?.kind === "refined" ? thresholds.fromLabels.interval : null;
  const metrics = (run.metrics ?? {}) as { epochs?: LossPoint[]; bestEpoch?: number };
  // What was said of each labelled query: the label that counts first, then any other expert's.
  const said: Record<string, string[]> = {};
  const counting = new Map<string, { anomalous: boolean } | null>();
  for (const q of labelled) {
    const first = effectiveLabel(q);
    counting.set(q.queryId, first);
    said[q.queryId] = [...(first ? [first] : []), ...q.labels.filter((l) => l !== first)].map((l) =>
      describeLabelBy(l, dataset.samplingRate),
    );
  }
  const states = labelStates(
    batches.flatMap((b) => b.queries.map((q) => ({ sequenceId: q.sequenceId, label: counting.get(q.id) ?? null }))),
  );
  const explorerRows: ExplorerRow[] = scores.map((s) => ({
    sequenceId: s.sequenceId,
    name: s.name,
    split: s.split,
    length: s.length,
    max: s.max,
    labelState: states.get(s.sequenceId) ?? "not-queried",
    spark: sparks.get(s.sequenceId) ?? [],
  }));
  const settings = runSettings(run.detector, run.config);
  const refine = await refineView(id, can(user.role, "startRuns"));
  const deletion = can(user.role, "deleteData") && run.status !== "running" ? await runDeletionSummary(id) : null;
  return (
    <>
      <p className="muted">
        <Link href={`/datasets/${run.datasetId}/runs`}>← runs of {dataset.name}</Link>
      </p>
      <h1>
        Run {run.detector}{" "}
        <span className="badge" data-testid="runpage.status">
          {run.status}
        </span>
      </h1>
      {run.status === "complete" && (
        <p>
          <Link href={`/runs/${id}/metrics`} data-testid="runpage.metrics">
            Metrics against ground truth →
          </Link>{" "}
          <span className="muted">F1, precision, recall and delay on the test split at each threshold, and how the labels moved them</span>
        </p>
      )}
      <section className="panel grid-2">
        <div>
          <div className="muted">Backend</div>
          <div data-testid="runpage.backend">{run.backend ?? "—"}</div>
          <div className="muted">{run.backendReason}</div>
        </div>
        <div>
          <div className="muted">Scored sequences</div>
          <div className="stat" data-testid="runpage.scored">
            {scores.length} / {dataset.sequenceCount}
          </div>
        </div>
        <div>
          <div className="muted">Unsupervised threshold (max validation score)</div>
          <div className="stat" data-testid="runpage.threshold">
            {thresholds.unsupervised?.value.toFixed(3) ?? run.threshold?.toFixed(3) ?? "—"}
          </div>
        </div>
        <ThresholdDetails current={thresholds} sequenceNames={sequenceNames} />
        <div>
          <div className="muted">Threshold in effect</div>
          <div className="stat" data-testid="runpage.inEffect" data-kind={inEffect.kind}>
            {formatThreshold(inEffect.value)}
          </div>
          <div className="muted">{inEffect.kind}</div>
        </div>
      </section>
      <section className="panel">
        <h2>Settings</h2>
        {settings.length === 0 ? (
          <p className="muted">None stored.</p>
        ) : (
          <table data-testid="runpage.settings">
            <thead>
              <tr>
                <th>Setting</th>
                <th className="num">Value</th>
                <th>Meaning</th>
              </tr>
            </thead>
            <tbody>
              {settings.map((s) => (
                <tr key={s.name} data-testid="runpage.setting" data-name={s.name}>
                  <td data-testid="runpage.setting.name">{s.name}</td>
                  <td className="num" data-testid="runpage.setting.value">
                    {s.value}
                  </td>
                  <td className="muted" data-testid="runpage.setting.meaning">
                    {s.meaning}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!trainsInEpochs(run.detector) && (
          <p className="muted" data-testid="runpage.fitted">
            {detectorSpec(run.detector)?.fittedNote}
          </p>
        )}
      </section>
      {run.error && (
        <p className="error" data-testid="runpage.error">
          {run.error}
        </p>
      )}
      {trainsInEpochs(run.detector) && metrics.epochs && metrics.epochs.length > 0 && (
        <section className="panel">
          <h2>Training{metrics.bestEpoch !== undefined && <span className="muted"> — best epoch {metrics.bestEpoch}</span>}</h2>
          <LossChart epochs={metrics.epochs} />
        </section>
      )}
      {scores.length > 0 && (
        <ScoreExplorer
          runId={id}
          datasetId={run.datasetId}
          samplingRate={dataset.samplingRate}
          sequences={explorerRows}
          unsupervised={unsupervised}
          refined={refined}
          interval={refinedInterval}
          manual={thresholds.manual?.value ?? null}
          opening={{ seq: one("seq"), from: one("from"), to: one("to") }}
        />
      )}
      {run.status === "complete" && can(user.role, "setThresholds") && (
        <ManualThresholdForm runId={id} manual={thresholds.manual?.value ?? null} suggested={threshold} />
      )}
      {run.status === "complete" && can(user.role, "requestQueries") && (
        <QueryPanel
          runId={id}
          threshold={threshold}
          longestSequence={Math.max(2, ...scores.map((s) => s.length))}
          sequences={scores.map((s) => ({ sequenceId: s.sequenceId, split: s.split, length: s.length }))}
          window={detectorWindow(run.detector, run.config)}
          embedding={embedding}
        />
      )}
      {batches.length > 0 && (
        <DisagreementsPanel
          runId={id}
          canResolve={can(user.role, "resolveLabels")}
          sequenceNames={sequenceNames}
          samplingRate={dataset.samplingRate}
        />
      )}
      {run.status === "complete" && <BatchList runId={id} batches={batches} threshold={threshold} said={said} />}
      {refine && <RefineSection {...refine} />}
      {run.status === "complete" && can(user.role, "analyse") && (
        <ExportPanel runId={id} unsupervised={unsupervised} refined={refined} manual={thresholds.manual?.value ?? null} />
      )}
      {deletion && (
        <DeletePanel kind="run" url={`/api/runs/${id}`} summary={describeDeletion(deletion)} after={`/datasets/${run.datasetId}/runs`} />
      )}
    </>
  );
}

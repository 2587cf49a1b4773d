"use client";

import { hasCurves } from "@/lib/charts/experiment-options";
import { formatRate, formatStage, METRIC_LABEL, METRICS, mislabelsOf, stagesOf, type Selection } from "@/lib/charts/experiment-rows";
import type { ExperimentReport } from "@/lib/eval/report";
import { ExperimentChart } from "./experiment-chart";
import { ContaminationTable } from "./contamination-table";
import { ResultsTable } from "./results-table";

type Props = { report: ExperimentReport; selection: Selection; onSelect: (next: Selection) => void };

/** The paper's figure with its selectors (stage, mislabel rate, metric), and the stage's table below. */
export function FigurePanel({ report, selection, onSelect }: Props) {
  const { stage, mislabel, metric } = selection;
  const stages = stagesOf(report);
  const mislabels = mislabelsOf(report);
  return (
    <>
      <section className="panel" data-testid="exp.figure">
        <div className="exp-figure-head">
          <h2>{METRIC_LABEL[metric]} against the label budget</h2>
          <div className="exp-controls">
            <label>
              Stage
              <select
                value={String(stage)}
                onChange={(e) => onSelect({ ...selection, stage: Number(e.target.value) })}
                data-testid="exp.stage"
              >
                {stages.map((s) => (
                  <option key={s} value={String(s)}>
                    {formatStage(s)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Mislabel rate
              <select
                value={String(mislabel)}
                onChange={(e) => onSelect({ ...selection, mislabel: Number(e.target.value) })}
                data-testid="exp.mislabel"
              >
                {mislabels.map((m) => (
                  <option key={m} value={String(m)}>
                    {formatRate(m)}
                  </option>
                ))}
              </select>
            </label>
            <div className="exp-metrics" role="group" aria-label="Metric">
              {METRICS.map((m) => (
                <button
                  key={m}
                  type="button"
                  className={m === metric ? "" : "secondary"}
                  aria-pressed={m === metric}
                  onClick={() => onSelect({ ...selection, metric: m })}
                  data-testid={`exp.metric.${m}`}
                >
                  {m === "delay" ? "Delay" : METRIC_LABEL[m]}
                </button>
              ))}
            </div>
          </div>
        </div>
        <p className="muted exp-caption">
          Mean over {report.settings.seeds} seed{report.settings.seeds === 1 ? "" : "s"} × {report.settings.folds} fold
          {report.settings.folds === 1 ? "" : "s"}; the band is ± one standard deviation. Baselines: the unsupervised threshold (dashed);{" "}
          <i>best</i>, refined with every training and validation label known (dotted); <i>oracle</i>, fitted on the test labels themselves
          — no threshold does better on the test split (dotted, red).
        </p>
        {hasCurves(report, selection) ? (
          <ExperimentChart report={report} selection={selection} />
        ) : (
          <p className="exp-chart-empty muted" data-testid="exp.chartEmpty">
            {report.status === "running"
              ? "No results for this selection yet — they appear as the harness finishes them."
              : "No results for this selection."}
          </p>
        )}
      </section>
      <section className="panel">
        <h2>Results with {formatStage(stage)}</h2>
        <Separability report={report} stage={stage} />
        <ResultsTable report={report} stage={stage} mislabel={mislabel} />
        <ContaminationTable report={report} stage={stage} mislabel={mislabel} />
      </section>
    </>
  );
}

const auc = (s: { mean: number; std: number } | null) => (s === null ? "—" : `${s.mean.toFixed(2)} ± ${s.std.toFixed(2)}`);

/** How well this stage's models separate the classes at all: a ceiling on what any threshold can do. */
function Separability({ report, stage }: { report: ExperimentReport; stage: number }) {
  const row = report.separability?.find((r) => r.stage === stage);
  if (!row) return null;
  return (
    <p className="muted" data-testid="exp.separability">
      Detector separability (ROC AUC of each candidate&apos;s maximum score, over {row.n} fold{row.n === 1 ? "" : "s"}; 0.5 is chance): test{" "}
      <b>{auc(row.test)}</b>, query pool <b>{auc(row.pool)}</b>.
    </p>
  );
}

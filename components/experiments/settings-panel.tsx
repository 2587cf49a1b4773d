import { elapsedSeconds, formatRate, formatSeconds, formatWhen } from "@/lib/charts/experiment-rows";
import type { ExperimentReport } from "@/lib/eval/report";

/** The harness's settings, the dataset and the timings, then the harness's notes on its choices. */
export function SettingsPanel({ report, now }: { report: ExperimentReport; now: Date }) {
  const { settings: s, dataset: d, timings: t } = report;
  const options = Object.entries(s.detectorOptions);
  return (
    <section className="panel" data-testid="exp.settings">
      <div className="exp-settings">
        <div>
          <h2>Settings</h2>
          <dl>
            <dt>Detector</dt>
            <dd data-testid="exp.detector">{s.detector}</dd>
            <dt>Options</dt>
            <dd className="exp-options">
              {options.length === 0
                ? "defaults"
                : options.map(([k, v]) => (
                    <code key={k}>
                      {k}={v}
                    </code>
                  ))}
            </dd>
            <dt>Backend</dt>
            <dd>{s.backend}</dd>
            <dt>Strategies</dt>
            <dd>{s.strategies.join(", ")}</dd>
            <dt>Budgets</dt>
            <dd>{s.budgets.join(", ")} per stage</dd>
            <dt>Mislabel rates</dt>
            <dd>{s.mislabel.map(formatRate).join(", ")}</dd>
            <dt>Seeds × folds</dt>
            <dd>
              {s.seeds} × {s.folds}
            </dd>
            <dt>Stages</dt>
            <dd>{s.stages.join(", ")}</dd>
            {s.quick && (
              <>
                <dt>Mode</dt>
                <dd>quick</dd>
              </>
            )}
          </dl>
        </div>
        <div>
          <h2>Dataset</h2>
          <dl>
            <dt>Name</dt>
            <dd>
              {d.name} <span className="muted">({d.source})</span>
            </dd>
            <dt>Sequences</dt>
            <dd>
              {d.sequences} ({d.anomalous} anomalous)
            </dd>
            <dt>Channels</dt>
            <dd>{d.channels}</dd>
            <dt>Sampling rate</dt>
            <dd>{d.samplingRate} Hz</dd>
          </dl>
        </div>
        <div>
          <h2>Timings</h2>
          <dl data-testid="exp.timings">
            <dt>Started</dt>
            <dd>{formatWhen(report.createdAt)} UTC</dd>
            <dt>Finished</dt>
            <dd>{report.finishedAt ? `${formatWhen(report.finishedAt)} UTC` : "—"}</dd>
            <dt>Wall clock</dt>
            <dd>{formatSeconds(elapsedSeconds(report, now))}</dd>
            <dt>Training + scoring</dt>
            <dd>{formatSeconds(t.modelSeconds)}</dd>
            <dt>Querying</dt>
            <dd>{formatSeconds(t.querySeconds)}</dd>
            {(t.modelsTrained !== undefined || t.modelsCached !== undefined) && (
              <>
                <dt>Models</dt>
                <dd>
                  {t.modelsTrained ?? 0} trained · {t.modelsCached ?? 0} from the cache
                </dd>
              </>
            )}
          </dl>
        </div>
      </div>
      {s.notes && s.notes.length > 0 && (
        <div className="exp-notes">
          <h2>How the settings were chosen</h2>
          <ul className="muted" data-testid="exp.notes">
            {s.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DETECTOR_KINDS } from "@/lib/detectors/types";
import {
  DEFAULT_JOB_SETTINGS,
  JOB_GENERATORS,
  jobSettingsSchema,
  parseNumberList,
  type JobSettings,
  type JobView,
} from "@/lib/eval/job-settings";
import type { ExperimentReport } from "@/lib/eval/report";
import { STRATEGY_NAMES } from "@/lib/query/types";
import { requestJson } from "../api-client";
import { ExperimentProgress } from "./experiment-progress";

type Props = {
  /** The experiment running from the app, with its report's progress once the harness has written it. */
  active: (JobView & { progress: ExperimentReport["progress"] | null }) | null;
  /** The latest job when it failed before writing a report (its reason is nowhere else). */
  failedEarly: JobView | null;
};

type Status = { kind: "busy" | "error"; text: string } | null;

/** The form's fields as the API wants them; the first problem in words when they are not. */
function settingsOf(data: FormData): { ok: true; settings: JobSettings } | { ok: false; message: string } {
  const budgets = parseNumberList(String(data.get("budgets") ?? ""));
  const mislabel = parseNumberList(String(data.get("mislabel") ?? ""));
  if (!budgets) return { ok: false, message: "Budgets: give whole numbers separated by commas, e.g. 2, 5." };
  if (!mislabel) return { ok: false, message: "Mislabel rates: give numbers in [0, 1] separated by commas, e.g. 0, 0.2." };
  const dataset = String(data.get("dataset"));
  const sequences = String(data.get("sequences") ?? "").trim();
  const name = String(data.get("name") ?? "").trim();
  const parsed = jobSettingsSchema.safeParse({
    ...(name ? { name } : {}),
    dataset,
    ...(dataset === "demo" && sequences ? { sequences: Number(sequences) } : {}),
    detector: String(data.get("detector")),
    strategies: data.getAll("strategies").map(String),
    budgets,
    mislabel,
    folds: Number(data.get("folds")),
    seeds: Number(data.get("seeds")),
    stages: String(data.get("stages")),
    quick: data.get("quick") === "on",
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join(".") || "settings"}: ${issue?.message ?? "not valid"}` };
}

/** An admin starts an evaluation run of the harness on the server, follows it and may cancel it. */
export function StartExperiment({ active, failedEarly }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [dataset, setDataset] = useState<string>(DEFAULT_JOB_SETTINGS.dataset);

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = settingsOf(new FormData(event.currentTarget));
    if (!read.ok) return setStatus({ kind: "error", text: read.message });
    setStatus({ kind: "busy", text: "Starting…" });
    const r = await requestJson<{ job: JobView }>("POST", "/api/experiments", read.settings);
    if (!r.ok) return setStatus({ kind: "error", text: r.message });
    setStatus(null);
    router.refresh();
  }

  async function cancel(reportId: string) {
    setStatus({ kind: "busy", text: "Cancelling…" });
    const r = await requestJson("DELETE", `/api/experiments/${reportId}`);
    setStatus(r.ok ? null : { kind: "error", text: r.message });
    router.refresh();
  }

  if (active) {
    return (
      <section className="panel exp-start" data-testid="exp.job" data-report={active.reportId}>
        <h2>Running from the app</h2>
        <p>
          <strong>{active.reportId}</strong> <span className="muted">started by {active.startedBy}</span>
          {active.cancelRequested && <span className="muted"> · cancelling…</span>}
        </p>
        {active.progress ? (
          <ExperimentProgress progress={active.progress} />
        ) : (
          <p className="muted" data-testid="exp.job.starting">
            Starting the harness…
          </p>
        )}
        <p>
          <button
            type="button"
            onClick={() => void cancel(active.reportId)}
            disabled={active.cancelRequested || status?.kind === "busy"}
            data-testid="exp.cancel"
          >
            Cancel the experiment
          </button>{" "}
          <span className="muted">One experiment runs at a time; the report keeps the folds finished before a cancel.</span>
        </p>
        {status && (
          <p className={status.kind === "error" ? "error" : "muted"} role={status.kind === "error" ? "alert" : undefined}>
            {status.text}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="panel exp-start" data-testid="exp.start">
      <h2>Start an experiment</h2>
      <p className="muted">
        Runs the evaluation harness (the same code as <code>npm run eval</code>) on the server: it trains the detector on each fold, queries
        with each strategy, labels with a simulated expert and writes a report below as it goes.
      </p>
      {failedEarly && (
        <p className="error" role="alert" data-testid="exp.job.failed">
          The last experiment ({failedEarly.reportId}) failed before writing a report: {failedEarly.error}
        </p>
      )}
      <form className="exp-form" onSubmit={(e) => void start(e)}>
        <label>
          <span>
            Name <span className="muted">(optional)</span>
          </span>
          <input name="name" maxLength={80} placeholder="e.g. DQS vs random on sensors" data-testid="exp.form.name" />
        </label>
        <label>
          Dataset generator
          <select name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="exp.form.dataset">
            {JOB_GENERATORS.map((g) => (
              <option key={g} value={g}>
                {g === "demo" ? "demo (PATH-like EV drives)" : g}
              </option>
            ))}
          </select>
        </label>
        {dataset === "demo" && (
          <label>
            <span>
              Drives <span className="muted">(8–400)</span>
            </span>
            <input name="sequences" type="number" min={8} max={400} defaultValue={80} data-testid="exp.form.sequences" />
          </label>
        )}
        <label>
          Detector
          <select name="detector" defaultValue={DEFAULT_JOB_SETTINGS.detector} data-testid="exp.form.detector">
            {DETECTOR_KINDS.map((d) => (
              <option key={d} value={d}>
                {d === "linear" ? "linear (seconds)" : `${d} (trains in Node: minutes)`}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="exp-strategies">
          <legend>Strategies</legend>
          {STRATEGY_NAMES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                name="strategies"
                value={s}
                defaultChecked={DEFAULT_JOB_SETTINGS.strategies.includes(s)}
                data-testid={`exp.form.strategy.${s}`}
              />{" "}
              {s}
            </label>
          ))}
        </fieldset>
        <label>
          <span>
            Budgets <span className="muted">(labels per stage)</span>
          </span>
          <input name="budgets" defaultValue={DEFAULT_JOB_SETTINGS.budgets.join(", ")} size={10} data-testid="exp.form.budgets" />
        </label>
        <label>
          Mislabel rates
          <input name="mislabel" defaultValue={DEFAULT_JOB_SETTINGS.mislabel.join(", ")} size={10} data-testid="exp.form.mislabel" />
        </label>
        <label>
          Folds
          <input name="folds" type="number" min={1} max={5} defaultValue={DEFAULT_JOB_SETTINGS.folds} data-testid="exp.form.folds" />
        </label>
        <label>
          Seeds
          <input name="seeds" type="number" min={1} max={5} defaultValue={DEFAULT_JOB_SETTINGS.seeds} data-testid="exp.form.seeds" />
        </label>
        <label>
          Stages
          <select name="stages" defaultValue={DEFAULT_JOB_SETTINGS.stages} data-testid="exp.form.stages">
            <option value="all">all training data</option>
            <option value="growing">growing: ⅛, ¼, ½, all</option>
          </select>
        </label>
        <label className="check">
          <input name="quick" type="checkbox" defaultChecked={DEFAULT_JOB_SETTINGS.quick} data-testid="exp.form.quick" /> quick (fewer
          epochs)
        </label>
        <div>
          <button type="submit" disabled={status?.kind === "busy"} data-testid="exp.form.start">
            Start
          </button>
        </div>
      </form>
      {status && (
        <p
          className={status.kind === "error" ? "error" : "muted"}
          role={status.kind === "error" ? "alert" : undefined}
          data-testid="exp.form.status"
        >
          {status.text}
        </p>
      )}
    </section>
  );
}

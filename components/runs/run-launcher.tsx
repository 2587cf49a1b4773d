"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { BACKENDS, type BackendName } from "@/lib/backend/choose";
import type { ZScoreParams } from "@/lib/preprocess";
import type { Split } from "@/lib/series/types";
import { DETECTOR_KINDS, detectorSpec, type DetectorKind, type FormSetting } from "@/lib/detectors/registry";
import { trainsInEpochs } from "@/lib/run-settings";
import { WINDOW_CAP, defaultScoreShift, defaultWindow } from "@/lib/runs/defaults";
import { runConfigSchema } from "@/lib/validations/run";
import { zscore } from "@/lib/preprocess";
import { estimateRun, formatDuration, type Probe, type RunEstimate } from "@/lib/runs/estimate";
import { probeTraining } from "@/workers/train/client";
import { fetchSequence } from "./run-io";
import { RunProgress } from "./run-progress";
import { isBusy } from "./run-store";
import { useRunActions, useRunState } from "./run-store-provider";

type Props = {
  datasetId: string;
  /** The dataset's window from its autocorrelation (null when it has none). */
  datasetWindow: number | null;
  channelCount: number;
  sequences: { id: string; split: Split; length: number }[];
  trainStats: ZScoreParams;
};

const num = (form: FormData, key: string) => Number(form.get(key));
const optionalNum = (form: FormData, key: string) => (String(form.get(key) ?? "") === "" ? undefined : num(form, key));

/** The form's settings, validated; an error message when they are not valid. */
function readForm(form: FormData) {
  const parsed = runConfigSchema.safeParse({
    windowSize: num(form, "windowSize"),
    epochs: num(form, "epochs"),
    batchSize: num(form, "batchSize"),
    learningRate: num(form, "learningRate"),
    patience: num(form, "patience"),
    seed: num(form, "seed"),
    hidden: optionalNum(form, "hidden"),
    latent: optionalNum(form, "latent"),
    maxTrainWindows: optionalNum(form, "maxTrainWindows"),
    scoreShift: optionalNum(form, "scoreShift") ?? defaultScoreShift(num(form, "windowSize")),
  });
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } as const;
  const backend = String(form.get("backend"));
  return {
    config: parsed.data,
    detector: String(form.get("detector")) as DetectorKind,
    backend: backend === "auto" ? undefined : (backend as BackendName),
  } as const;
}

type EstimateState =
  { kind: "busy" } | { kind: "error"; text: string } | { kind: "ok"; estimate: RunEstimate; probe: Probe; epochs: number };

export function RunLauncher({ datasetId, datasetWindow, channelCount, sequences, trainStats }: Props) {
  const phase = useRunState((s) => s.phase);
  const runDatasetId = useRunState((s) => s.datasetId);
  const runId = useRunState((s) => s.runId);
  const { launch, cancel } = useRunActions();
  const [formError, setFormError] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<EstimateState | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const startedAt = useRunState((s) => s.startedAt);
  const finishedAt = useRunState((s) => s.finishedAt);
  const [detector, setDetector] = useState<DetectorKind>("tevae");
  const spec = detectorSpec(detector);
  const { defaults } = spec.form;
  // Fields the detector does not use (all the training ones for the linear detector, fitted in one
  // pass) stay in the form, so the stored config keeps its shape, but are not shown.
  const shown = (setting: FormSetting) => (spec.form.settings.includes(setting) ? undefined : ({ display: "none" } as const));
  // A detector with other defaults gets fresh fields (the key changes); between detectors with the same ones, edits stay.
  const defaultsKey = JSON.stringify(defaults);
  const neural = trainsInEpochs(detector);
  const router = useRouter();
  const busy = isBusy(phase);
  // The browser runs one training at a time; its progress shows on its own dataset's page.
  const here = runDatasetId === datasetId;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readForm(new FormData(event.currentTarget));
    if ("error" in read) return setFormError(read.error ?? null);
    setFormError(null);
    const done = launch({ datasetId, sequences, trainStats, config: read.config, detector: read.detector, backend: read.backend });
    // Show the new run in the list with its final status (if this page is still the one shown).
    void done.then(() => router.refresh());
  }

  /** A few training steps and a few hundred scored windows of this dataset here, times the work the settings imply. */
  async function onEstimate() {
    if (!formRef.current) return;
    const read = readForm(new FormData(formRef.current));
    if ("error" in read) return setFormError(read.error ?? null);
    setFormError(null);
    setEstimate({ kind: "busy" });
    try {
      const train = sequences.filter((s) => s.split === "train");
      const validation = sequences.filter((s) => s.split === "validation");
      const probeIds = [...train.slice(0, 2), validation[0] ?? train[2] ?? train[0]].flatMap((s) => (s ? [s.id] : []));
      // One at a time, timed: the run fetches every sequence too.
      const fetchStarted = performance.now();
      const data = [];
      for (const id of probeIds) data.push(zscore(await fetchSequence(datasetId, id), trainStats));
      const secondsPerSequence = (performance.now() - fetchStarted) / 1000 / Math.max(1, probeIds.length);
      const probe = await probeTraining({ type: "probe", detector: read.detector, config: read.config, backend: read.backend, data });
      const { windowSize, epochs, batchSize, maxTrainWindows, scoreShift } = read.config;
      const lengths = (list: typeof sequences) => list.map((s) => s.length);
      const result = estimateRun(
        {
          windowSize,
          epochs,
          batchSize,
          maxTrainWindows,
          scoreShift,
          trainLengths: lengths(train),
          validationLengths: lengths(validation),
          allLengths: lengths(sequences),
          scorers: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1, sequences.length)),
          secondsPerSequence,
        },
        probe,
      );
      setEstimate({ kind: "ok", estimate: result, probe, epochs });
    } catch (error) {
      setEstimate({ kind: "error", text: `Could not estimate: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  return (
    <>
      <form className="panel inline" onSubmit={onSubmit} ref={formRef} data-testid="run.form">
        <label>
          Detector
          <select name="detector" value={detector} onChange={(e) => setDetector(e.target.value as DetectorKind)} data-testid="run.detector">
            {DETECTOR_KINDS.map((d) => (
              <option key={d} value={d}>
                {detectorSpec(d).label}
              </option>
            ))}
          </select>
        </label>
        <label
          title={
            datasetWindow !== null && datasetWindow > WINDOW_CAP
              ? `The data's autocorrelation suggests ${datasetWindow} steps (the reference's rule); the form caps it at ${WINDOW_CAP} to train in minutes`
              : "The data's autocorrelation window"
          }
        >
          Window
          <input name="windowSize" type="number" defaultValue={defaultWindow(datasetWindow)} min={4} data-testid="run.window" />
        </label>
        <span style={{ display: "contents" }} key={`training-${defaultsKey}`}>
          <label style={shown("epochs")}>
            Epochs
            <input name="epochs" type="number" defaultValue={defaults.epochs} min={1} data-testid="run.epochs" />
          </label>
          <label style={shown("batchSize")}>
            Batch
            <input name="batchSize" type="number" defaultValue={defaults.batchSize} min={1} data-testid="run.batch" />
          </label>
          <label style={shown("learningRate")}>
            Learning rate
            <input name="learningRate" type="number" step="any" defaultValue={defaults.learningRate} data-testid="run.lr" />
          </label>
          <label style={shown("patience")}>
            Patience
            <input name="patience" type="number" defaultValue={defaults.patience} min={1} data-testid="run.patience" />
          </label>
        </span>
        <label>
          Seed
          <input name="seed" type="number" defaultValue={1} min={0} data-testid="run.seed" />
        </label>
        <span style={{ display: "contents" }} key={`model-${defaultsKey}`}>
          <label style={shown("hidden")} title={spec.form.hiddenHint?.title}>
            Hidden (h)
            <input
              name="hidden"
              type="number"
              defaultValue={defaults.hiddenPerChannel * channelCount}
              placeholder={spec.form.hiddenHint?.placeholder(channelCount)}
              min={1}
              data-testid="run.hidden"
            />
          </label>
          <label style={shown("latent")}>
            Latent
            <input name="latent" type="number" placeholder="features/2" min={1} data-testid="run.latent" />
          </label>
          <label style={shown("maxTrainWindows")}>
            Max windows/epoch
            <input
              name="maxTrainWindows"
              type="number"
              defaultValue={defaults.maxTrainWindows}
              placeholder="all"
              min={1}
              data-testid="run.maxWindows"
            />
          </label>
          <label
            style={shown("maxTrainWindows")}
            title="Steps between scored windows: 1 scores every window (the reference); a shift of s scores each step as the mean of the window/s windows covering it, with 1/s of the work (default window/8)"
          >
            Scoring shift
            <input name="scoreShift" type="number" placeholder="window/8" min={1} data-testid="run.scoreShift" />
          </label>
        </span>
        {spec.form.note && (
          <span className="muted" data-testid="run.detectorNote">
            {spec.form.note}
          </span>
        )}
        <label>
          Backend
          <select name="backend" defaultValue="auto" data-testid="run.backend">
            <option value="auto">fastest available</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {neural && (
          <button
            type="button"
            className="secondary"
            onClick={onEstimate}
            disabled={busy || estimate?.kind === "busy"}
            data-testid="run.estimate.start"
          >
            {estimate?.kind === "busy" ? "Estimating…" : "Estimate time"}
          </button>
        )}
        <button type="submit" disabled={busy} data-testid="run.start">
          Start training
        </button>
        {busy && here && (
          <button type="button" className="secondary" onClick={cancel} data-testid="run.cancel">
            Cancel
          </button>
        )}
      </form>
      {busy && !here && runDatasetId && (
        <p className="muted" data-testid="run.elsewhere">
          A run is training on <Link href={`/datasets/${runDatasetId}/runs`}>another dataset</Link>; this browser trains one at a time.
        </p>
      )}
      {neural && estimate?.kind === "ok" && (
        <p className="muted" data-testid="run.estimate" data-seconds={Math.round(estimate.estimate.totalSeconds)}>
          Estimated: <b>about {formatDuration(estimate.estimate.totalSeconds)}</b> on {estimate.probe.backend} — training{" "}
          {formatDuration(estimate.estimate.trainSeconds)} ({estimate.estimate.steps.toLocaleString("en")} steps of{" "}
          {Math.round(estimate.probe.stepMs)} ms over {estimate.epochs} epochs; early stopping may end it sooner), validation{" "}
          {formatDuration(estimate.estimate.validationSeconds)}, scoring {formatDuration(estimate.estimate.scoreSeconds)} (
          {estimate.estimate.scoredWindows.toLocaleString("en")} windows at{" "}
          {Math.round(estimate.probe.windowsPerSecond).toLocaleString("en")}
          /s), data in and out {formatDuration(estimate.estimate.dataSeconds)}. Measured on a few steps of this dataset just now; a busier
          machine or network stretches it.
        </p>
      )}
      {estimate?.kind === "error" && (
        <p className="error" role="alert" data-testid="run.estimate.error">
          {estimate.text}
        </p>
      )}
      {formError && (
        <p className="error" role="alert" data-testid="run.formError">
          {formError}
        </p>
      )}
      {phase !== "idle" && here && <RunProgress />}
      {phase === "complete" && here && runId && (
        <p className="ok" data-testid="run.done">
          Done{startedAt && finishedAt ? ` in ${formatDuration((finishedAt - startedAt) / 1000)}` : ""}
          {estimate?.kind === "ok" ? ` (estimated about ${formatDuration(estimate.estimate.totalSeconds)})` : ""}.{" "}
          <Link href={`/runs/${runId}`}>Open the run</Link>
        </p>
      )}
    </>
  );
}

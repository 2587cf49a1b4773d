"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useStore } from "zustand";
import { BACKENDS, type BackendName } from "@/lib/backend/choose";
import type { ZScoreParams } from "@/lib/preprocess";
import type { Split } from "@/lib/series";
import { DETECTORS, runConfigSchema, type DetectorName } from "@/lib/validations/run";
import { launchRun } from "./run-controller";
import { RunProgress } from "./run-progress";
import { createRunStore } from "./run-store";

const DETECTOR_LABEL: Record<DetectorName, string> = {
  tevae: "TeVAE",
  "lstm-ae": "LSTM autoencoder",
  linear: "Linear (cross-channel regression, fitted in one pass)",
};

type Props = {
  datasetId: string;
  defaultWindow: number;
  channelCount: number;
  sequences: { id: string; split: Split }[];
  trainStats: ZScoreParams;
};

const num = (form: FormData, key: string) => Number(form.get(key));
const optionalNum = (form: FormData, key: string) => (String(form.get(key) ?? "") === "" ? undefined : num(form, key));

export function RunLauncher({ datasetId, defaultWindow, channelCount, sequences, trainStats }: Props) {
  const [store] = useState(createRunStore);
  const state = useStore(store);
  const control = useRef<ReturnType<typeof launchRun> | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const router = useRouter();
  const busy = !["idle", "complete", "error", "cancelled"].includes(state.phase);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = runConfigSchema.safeParse({
      windowSize: num(form, "windowSize"), epochs: num(form, "epochs"), batchSize: num(form, "batchSize"),
      learningRate: num(form, "learningRate"), patience: num(form, "patience"), seed: num(form, "seed"),
      hidden: optionalNum(form, "hidden"), latent: optionalNum(form, "latent"), maxTrainWindows: optionalNum(form, "maxTrainWindows"),
    });
    if (!parsed.success) return setFormError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    setFormError(null);
    const backend = String(form.get("backend"));
    control.current = launchRun(store, {
      datasetId, sequences, trainStats, config: parsed.data,
      detector: String(form.get("detector")) as DetectorName,
      backend: backend === "auto" ? undefined : (backend as BackendName),
    });
    // Show the new run in the list as soon as it exists, and again with its final status.
    void control.current.done.then(() => router.refresh());
  }

  return (
    <>
      <form className="panel inline" onSubmit={onSubmit} data-testid="run.form">
        <label>Detector
          <select name="detector" defaultValue="tevae" data-testid="run.detector">
            {DETECTORS.map((d) => <option key={d} value={d}>{DETECTOR_LABEL[d]}</option>)}
          </select>
        </label>
        <label>Window<input name="windowSize" type="number" defaultValue={defaultWindow} min={4} data-testid="run.window" /></label>
        <label>Epochs<input name="epochs" type="number" defaultValue={50} min={1} data-testid="run.epochs" /></label>
        <label>Batch<input name="batchSize" type="number" defaultValue={64} min={1} data-testid="run.batch" /></label>
        <label>Learning rate<input name="learningRate" type="number" step="any" defaultValue={0.001} data-testid="run.lr" /></label>
        <label>Patience<input name="patience" type="number" defaultValue={10} min={1} data-testid="run.patience" /></label>
        <label>Seed<input name="seed" type="number" defaultValue={1} min={0} data-testid="run.seed" /></label>
        <label title="The reference TeVAE uses h = 16·features; on a machine without a GPU 4·features keeps TeVAE training to minutes">
          Hidden (h)<input name="hidden" type="number" defaultValue={4 * channelCount} placeholder={`${16 * channelCount} (16·features)`} min={1} data-testid="run.hidden" />
        </label>
        <label>Latent<input name="latent" type="number" placeholder="features/2" min={1} data-testid="run.latent" /></label>
        <label>Max windows/epoch<input name="maxTrainWindows" type="number" placeholder="all" min={1} data-testid="run.maxWindows" /></label>
        <label>Backend
          <select name="backend" defaultValue="auto" data-testid="run.backend">
            <option value="auto">fastest available</option>
            {BACKENDS.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
        <button type="submit" disabled={busy} data-testid="run.start">Start training</button>
        {busy && <button type="button" className="secondary" onClick={() => control.current?.cancel()} data-testid="run.cancel">Cancel</button>}
      </form>
      {formError && <p className="error" role="alert" data-testid="run.formError">{formError}</p>}
      {state.phase !== "idle" && <RunProgress state={state} />}
      {state.phase === "complete" && state.runId && (
        <p className="ok" data-testid="run.done">Done. <Link href={`/runs/${state.runId}`}>Open the run</Link></p>
      )}
    </>
  );
}

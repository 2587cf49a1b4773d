"use client";

import { useShallow } from "zustand/react/shallow";
import { etaSeconds, type RunState } from "./run-store";
import { useRunState } from "./run-store-provider";
import { LossChart } from "./loss-chart";

const PHASE_TEXT: Record<RunState["phase"], string> = {
  idle: "",
  starting: "Creating the run…",
  "loading-data": "Loading training data…",
  training: "Training…",
  saving: "Saving the model…",
  scoring: "Scoring every sequence…",
  complete: "Complete",
  error: "Failed",
  cancelled: "Cancelled",
};

type Shown = Pick<RunState, "phase" | "epochs" | "epochTotal" | "batch" | "loaded" | "scored" | "backend" | "backendReason" | "error">;

function percent(state: Shown): number {
  if (state.phase === "complete") return 100;
  if (state.phase === "scoring" && state.scored) return 80 + (20 * state.scored.done) / Math.max(1, state.scored.total);
  if (state.phase === "loading-data" && state.loaded) return (5 * state.loaded.done) / Math.max(1, state.loaded.total);
  const epochPart = state.batch ? state.batch.done / Math.max(1, state.batch.total) : 0;
  return 5 + (75 * (state.epochs.length + epochPart)) / Math.max(1, state.epochTotal);
}

/** The run's progress in full: phase, backend, epochs, scoring, the loss chart. */
export function RunProgress() {
  const state = useRunState(
    useShallow((s): Shown => ({
      phase: s.phase,
      epochs: s.epochs,
      epochTotal: s.epochTotal,
      batch: s.batch,
      loaded: s.loaded,
      scored: s.scored,
      backend: s.backend,
      backendReason: s.backendReason,
      error: s.error,
    })),
  );
  const last = state.epochs.at(-1);
  const eta = etaSeconds(state);
  return (
    <section className="panel" data-testid="run.progress" data-phase={state.phase}>
      <div style={{ display: "flex", gap: "1rem", alignItems: "center", flexWrap: "wrap" }}>
        <strong data-testid="run.phase">
          {state.phase === "training" && state.epochTotal === 0 ? "Fitting in one pass…" : PHASE_TEXT[state.phase]}
        </strong>
        {state.backend && (
          <span className="badge" title={state.backendReason ?? ""} data-testid="run.backendBadge">
            backend: {state.backend}
          </span>
        )}
        {state.phase === "training" && state.epochTotal > 0 && (
          <span data-testid="run.epoch">
            epoch {state.epochs.length} of {state.epochTotal}
            {eta !== null && ` · about ${eta} s left (at most)`}
          </span>
        )}
        {state.phase === "scoring" && state.scored && (
          <span data-testid="run.scored">
            {state.scored.done} of {state.scored.total} scored
          </span>
        )}
        {last && (
          <span className="muted">
            train {last.trainLoss.toFixed(3)} · validation {Number.isFinite(last.valLoss) ? last.valLoss.toFixed(3) : "—"}
          </span>
        )}
      </div>
      <progress max={100} value={percent(state)} style={{ width: "100%" }} data-testid="run.bar" />
      {state.backendReason && (
        <p className="muted" data-testid="run.backendReason">
          Why {state.backend}: {state.backendReason}
        </p>
      )}
      {state.error && (
        <p className="error" role="alert" data-testid="run.error">
          {state.error}
        </p>
      )}
      {state.epochs.length > 0 && <LossChart epochs={state.epochs} />}
    </section>
  );
}

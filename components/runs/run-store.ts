/**
 * State of the browser's training-and-scoring session. Made by a factory; one store per signed-in
 * app shell (run-store-provider.tsx), so a run keeps going and stays visible while the user moves
 * between pages. Serialisable; the Worker handles live in run-controller.ts, never here.
 */
import { createStore } from "zustand/vanilla";
import type { BackendName } from "@/lib/backend/choose";
import type { EpochReport } from "@/lib/detectors";

export type RunPhase = "idle" | "starting" | "loading-data" | "training" | "saving" | "scoring" | "complete" | "error" | "cancelled";

export type RunState = {
  phase: RunPhase;
  runId: string | null;
  /** The dataset the run trains on (its runs page shows the full progress; other pages a summary). */
  datasetId: string | null;
  backend: BackendName | null;
  backendReason: string | null;
  epochs: EpochReport[];
  epochTotal: number;
  batch: { done: number; total: number } | null;
  loaded: { done: number; total: number } | null;
  scored: { done: number; total: number } | null;
  startedAt: number | null;
  /** When the run completed (its actual time is finishedAt − startedAt). */
  finishedAt: number | null;
  threshold: number | null;
  error: string | null;
};

export const initialRunState: RunState = {
  phase: "idle",
  runId: null,
  datasetId: null,
  backend: null,
  backendReason: null,
  epochs: [],
  epochTotal: 0,
  batch: null,
  loaded: null,
  scored: null,
  startedAt: null,
  finishedAt: null,
  threshold: null,
  error: null,
};

export type RunStore = ReturnType<typeof createRunStore>;

export function createRunStore() {
  return createStore<RunState & { set(patch: Partial<RunState>): void; addEpoch(e: EpochReport): void }>()((set) => ({
    ...initialRunState,
    set: (patch) => set(patch),
    addEpoch: (epoch) => set((s) => ({ epochs: [...s.epochs, epoch], batch: null })),
  }));
}

/** Whether a run is under way (the form is locked and the top bar shows it). */
export function isBusy(phase: RunPhase): boolean {
  return !["idle", "complete", "error", "cancelled"].includes(phase);
}

/** Seconds left, from the mean epoch time so far. */
export function etaSeconds(state: Pick<RunState, "epochs" | "epochTotal">): number | null {
  if (state.epochs.length === 0) return null;
  const mean = state.epochs.reduce((s, e) => s + e.ms, 0) / state.epochs.length;
  return Math.round(((state.epochTotal - state.epochs.length) * mean) / 1000);
}

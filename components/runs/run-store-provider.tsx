"use client";

import Link from "next/link";
import { createContext, useContext, useRef, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { launchRun, type LaunchInput } from "./run-controller";
import { createRunStore, initialRunState, isBusy, type RunState, type RunStore } from "./run-store";

/**
 * The browser's run, above the pages: the store and the running run's controls live in the app
 * shell's layout, so navigating away from the dataset's runs page neither loses the progress nor
 * orphans the workers (zustand's Next.js pattern: a store per provider, read through selectors).
 */
type RunSession = {
  store: RunStore;
  /** Starts a run; resolves with its id when it completed, null otherwise. */
  launch(input: LaunchInput): Promise<string | null>;
  cancel(): void;
};

const RunContext = createContext<RunSession | null>(null);

export function RunStoreProvider({ children }: { children: ReactNode }) {
  const control = useRef<ReturnType<typeof launchRun> | null>(null);
  const [session] = useState<RunSession>(() => {
    const store = createRunStore();
    return {
      store,
      launch(input) {
        if (isBusy(store.getState().phase)) return Promise.resolve(null);
        store.getState().set({ ...initialRunState, datasetId: input.datasetId });
        control.current = launchRun(store, input);
        return control.current.done;
      },
      cancel: () => control.current?.cancel(),
    };
  });
  return <RunContext.Provider value={session}>{children}</RunContext.Provider>;
}

function useRunSession(): RunSession {
  const session = useContext(RunContext);
  if (!session) throw new Error("useRunState must be used inside RunStoreProvider");
  return session;
}

/** A slice of the run's state; the component renders again only when that slice changes. */
export function useRunState<T>(selector: (state: RunState) => T): T {
  return useStore(useRunSession().store, selector);
}

export function useRunActions(): Pick<RunSession, "launch" | "cancel"> {
  const { launch, cancel } = useRunSession();
  return { launch, cancel };
}

/** In the top bar while a run trains or scores: what it is doing, linked to its dataset's runs page. */
export function RunIndicator() {
  const phase = useRunState((s) => s.phase);
  const datasetId = useRunState((s) => s.datasetId);
  const epochs = useRunState((s) => s.epochs.length);
  const epochTotal = useRunState((s) => s.epochTotal);
  const scored = useRunState((s) => s.scored);
  if (!isBusy(phase) || !datasetId) return null;
  const text =
    phase === "training"
      ? `Training: epoch ${epochs} of ${epochTotal}`
      : phase === "scoring" && scored
        ? `Scoring: ${scored.done} of ${scored.total}`
        : "Run starting…";
  return (
    <Link href={`/datasets/${datasetId}/runs`} className="badge" data-testid="nav.run" data-phase={phase}>
      {text}
    </Link>
  );
}

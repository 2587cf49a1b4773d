import "server-only";

/**
 * Progress of the imports running in this process, by upload id, for the upload form to poll. Best
 * effort: kept in memory (on globalThis, so that dev reloads keep it), gone after a restart.
 */
export type ImportPhase = "parse" | "preprocess" | "store" | "done" | "failed";

export type ImportProgress = { phase: ImportPhase; done: number; total: number; updatedAt: number };

const KEEP_MS = 60_000;

const store = globalThis as unknown as { dqsImportProgress?: Map<string, ImportProgress> };
const progress = (store.dqsImportProgress ??= new Map<string, ImportProgress>());

export function setProgress(id: string, phase: ImportPhase, done: number, total: number): void {
  progress.set(id, { phase, done, total, updatedAt: Date.now() });
  if (phase === "done" || phase === "failed") {
    setTimeout(() => {
      if (progress.get(id)?.phase === phase) progress.delete(id);
    }, KEEP_MS).unref();
  }
}

export function getProgress(id: string): ImportProgress | null {
  return progress.get(id) ?? null;
}

/** Whether an import of this upload is under way (a second request for it is refused). */
export function isRunning(id: string): boolean {
  const p = progress.get(id);
  return p !== undefined && p.phase !== "done" && p.phase !== "failed";
}

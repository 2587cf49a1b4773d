/**
 * Drives one run in the browser: create it on the server, load and z-score the training data, train
 * in the training worker, save the weights, score every sequence in the scoring worker, store the
 * scores and the unsupervised threshold (max validation score). Heartbeats keep the run alive; a
 * closed tab marks it interrupted.
 */
import type { BackendName } from "@/lib/backend/choose";
import { zscore, type ZScoreParams } from "@/lib/preprocess";
import type { Split } from "@/lib/series/types";
import type { DetectorKind } from "@/lib/detectors/types";
import type { RunConfig } from "@/lib/validations/run";
import type { SavedWeights } from "@/lib/detectors";
import { createScorer } from "@/workers/score/client";
import { startTraining, type TrainingHandle } from "@/workers/train/client";
import { WorkerError } from "@/workers/worker-error";
import { sendJson } from "../api-client";
import { fetchSequence, patchRun, uploadScores, uploadWeights } from "./run-io";
import type { RunStore } from "./run-store";
import { trainsInEpochs } from "@/lib/run-settings";
import { FETCHES_IN_FLIGHT, mapInOrder, pipeline } from "@/lib/runs/pipeline";

export type LaunchInput = {
  datasetId: string;
  detector: DetectorKind;
  config: RunConfig;
  backend?: BackendName;
  sequences: { id: string; split: Split }[];
  trainStats: ZScoreParams;
};

const HEARTBEAT_MS = 10_000;

async function createRun(input: LaunchInput): Promise<string> {
  const body = { datasetId: input.datasetId, detector: input.detector, config: input.config };
  const { run } = await sendJson<{ run: { id: string } }>("POST", "/api/runs", body, "Creating the run");
  return run.id;
}

async function loadSplit(store: RunStore, input: LaunchInput, ids: string[], counter: { done: number; total: number }) {
  return mapInOrder(ids, FETCHES_IN_FLIGHT, async (id) => {
    const columns = zscore(await fetchSequence(input.datasetId, id), input.trainStats);
    counter.done++;
    store.getState().set({ loaded: { ...counter } });
    return columns;
  });
}

/**
 * One scoring worker per core (at most 4): each takes the next sequence and scores it, fetching the
 * sequence after it meanwhile and uploading the one before (lib/runs/pipeline.ts).
 */
async function scoreAll(
  runId: string,
  input: LaunchInput,
  weights: SavedWeights,
  backend: BackendName | undefined,
  onDispose: (dispose: () => void) => void,
  isCancelled: () => boolean,
  onProgress: (done: number) => void,
): Promise<number> {
  const size = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1, input.sequences.length));
  const scorers = Array.from({ length: size }, () => createScorer(weights, backend, () => undefined));
  onDispose(() => scorers.forEach((s) => s.dispose()));
  await Promise.all(scorers.map((s) => s.ready));
  let threshold = -Infinity;
  const sequence = (i: number) => input.sequences[i]!;
  try {
    await pipeline(
      input.sequences.length,
      size,
      {
        fetch: async (i) => zscore(await fetchSequence(input.datasetId, sequence(i).id), input.trainStats),
        compute: (lane, i, columns) => scorers[lane]!.score(sequence(i).id, columns, input.config.scoreShift),
        store: async (i, { score, channelScores }) => {
          if (sequence(i).split === "validation") for (const v of score) if (v > threshold) threshold = v;
          await uploadScores(runId, sequence(i).id, score, channelScores);
        },
      },
      onProgress,
      isCancelled,
    );
    if (isCancelled()) throw new WorkerError("interrupted", "Cancelled.");
  } finally {
    scorers.forEach((s) => s.dispose());
  }
  return threshold;
}

/** Completes a scored run with its unsupervised threshold (the max validation score). */
async function completeScoredRun(runId: string, threshold: number): Promise<void> {
  if (!Number.isFinite(threshold)) throw new Error("No validation sequence was scored, so there is no unsupervised threshold.");
  await patchRun(runId, { status: "complete", threshold });
}

/** How a run that threw ended (cancelled or failed), recorded on the server; the phase and message to show. */
async function endFailedRun(
  runId: string,
  error: unknown,
  cancelled: boolean,
): Promise<{ phase: "cancelled" | "error"; error: string | null }> {
  const interrupted = cancelled || (error instanceof WorkerError && error.code === "interrupted");
  const message = error instanceof Error ? error.message : String(error);
  await patchRun(runId, interrupted ? { status: "cancelled" } : { status: "error", error: message }).catch(() => undefined);
  return { phase: interrupted ? "cancelled" : "error", error: interrupted ? null : message };
}

/** What a run's training step hands back: the weights, and the epochs to record (none: nothing recorded). */
export type Trained = { weights: SavedWeights; progress: { epochs: unknown[]; bestEpoch: number } | null };

/** The steps in which a fresh run and a refinement differ; driveRun does the rest the same way for both. */
export type RunSteps = {
  /** Creates the run on the server and returns its id. */
  create(): Promise<string>;
  /** What each heartbeat sends (it keeps the run from being marked stale). */
  heartbeat(): Record<string, unknown>;
  /**
   * Loads the data and trains: hands the training worker to `started` (so cancelling interrupts it)
   * and throws an "interrupted" WorkerError once `cancelled()` is true.
   */
  train(runId: string, cancelled: () => boolean, started: (training: TrainingHandle) => void): Promise<Trained>;
  /** What the scoring workers score, and on which backend. */
  scoring: LaunchInput;
  backend(): BackendName | undefined;
  report: {
    created(runId: string): void;
    saving(): void;
    scoring(): void;
    scored(done: number): void;
    complete(threshold: number): void;
    ended(outcome: { phase: "cancelled" | "error"; error: string | null }): void;
  };
};

/**
 * The life of a run in the browser, the same for a fresh run and a refinement: create it; send a
 * heartbeat every 10 s and a beacon that marks it interrupted when the tab closes; train; save the
 * weights and epochs; score every sequence; complete it with its unsupervised threshold, or record
 * why it ended. Resolves to the run's id once complete, else null.
 */
export function driveRun(steps: RunSteps): { cancel(): void; done: Promise<string | null> } {
  let cancelled = false;
  let training: TrainingHandle | null = null;
  const scoring = { dispose: () => {} };

  const done = (async () => {
    const runId = await steps.create();
    steps.report.created(runId);
    const beacon = () => navigator.sendBeacon(`/api/runs/${runId}/interrupt`);
    window.addEventListener("pagehide", beacon);
    const heartbeat = setInterval(() => {
      patchRun(runId, steps.heartbeat()).catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const result = await steps.train(
        runId,
        () => cancelled,
        (handle) => (training = handle),
      );
      steps.report.saving();
      await uploadWeights(runId, result.weights);
      if (result.progress) await patchRun(runId, result.progress);
      steps.report.scoring();
      const threshold = await scoreAll(
        runId,
        steps.scoring,
        result.weights,
        steps.backend(),
        (dispose) => (scoring.dispose = dispose),
        () => cancelled,
        steps.report.scored,
      );
      await completeScoredRun(runId, threshold);
      steps.report.complete(threshold);
      return runId;
    } catch (error) {
      steps.report.ended(await endFailedRun(runId, error, cancelled));
      return null;
    } finally {
      clearInterval(heartbeat);
      window.removeEventListener("pagehide", beacon);
      scoring.dispose();
    }
  })();

  return {
    done,
    cancel() {
      cancelled = true;
      training?.interrupt();
      scoring.dispose();
    },
  };
}

export function launchRun(store: RunStore, input: LaunchInput): { cancel(): void; done: Promise<string | null> } {
  const set = store.getState().set;
  // No epochs for a detector fitted in one pass: the progress then shows no epoch count.
  const epochTotal = trainsInEpochs(input.detector) ? input.config.epochs : 0;
  set({ phase: "starting", error: null, epochs: [], epochTotal, startedAt: Date.now(), finishedAt: null });
  const total = input.sequences.length;
  return driveRun({
    create: () => createRun(input),
    heartbeat: () => ({ epochs: store.getState().epochs }),
    async train(runId, cancelled, started) {
      set({ phase: "loading-data" });
      const ids = (split: Split) => input.sequences.filter((s) => s.split === split).map((s) => s.id);
      const counter = { done: 0, total: ids("train").length + ids("validation").length };
      const train = await loadSplit(store, input, ids("train"), counter);
      const validation = await loadSplit(store, input, ids("validation"), counter);
      if (cancelled()) throw new WorkerError("interrupted", "Cancelled.");
      set({ phase: "training" });
      const training = startTraining(
        { type: "start", detector: input.detector, config: input.config, backend: input.backend, train, validation },
        (e) => {
          if (e.type === "load") {
            set({ backend: e.backend, backendReason: e.reason });
            patchRun(runId, { backend: e.backend, backendReason: e.reason }).catch(() => undefined);
          } else if (e.type === "progress") store.getState().addEpoch(e.epoch);
          else if (e.type === "batch") set({ batch: { done: e.done, total: e.total } });
        },
      );
      started(training);
      const result = await training.done;
      return { weights: result.weights, progress: { epochs: result.epochs, bestEpoch: result.bestEpoch } };
    },
    scoring: input,
    backend: () => store.getState().backend ?? undefined,
    report: {
      created: (runId) => set({ runId }),
      saving: () => set({ phase: "saving" }),
      scoring: () => set({ phase: "scoring", scored: { done: 0, total } }),
      scored: (done) => set({ scored: { done, total } }),
      complete: (threshold) => set({ phase: "complete", threshold, finishedAt: Date.now() }),
      ended: (outcome) => set(outcome),
    },
  });
}

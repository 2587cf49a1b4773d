/**
 * Drives an ALOE refinement in the browser (docs/algorithms.md §8.5): create the child run linked to
 * its parent, load the parent's weights and the z-scored training and labelled sequences, fine-tune
 * in the training worker, save the weights, score every sequence in the scoring workers and complete
 * the run; the server then gives the child its threshold from the parent's labels.
 */
import type { LabelledSpan } from "@/lib/detectors/loe";
import { zscore } from "@/lib/preprocess";
import type { RefineView } from "@/lib/runs/refine-view";
import { startTraining, type TrainingHandle } from "@/workers/train/client";
import { WorkerError } from "@/workers/worker-error";
import { sendJson } from "../api-client";
import { completeScoredRun, endFailedRun, scoreAll } from "./run-controller";
import { fetchSequence, fetchWeights, patchRun, uploadWeights } from "./run-io";

/** The run page's refine settings (lib/runs/refine-view.ts) with the user's choices. */
export type RefineInput = Omit<NonNullable<RefineView["refine"]>, "suggestedAlpha"> & {
  alpha: number;
  epochs: number;
  learningRate: number;
};

export type RefineState = {
  phase: "starting" | "loading" | "fine-tuning" | "saving" | "scoring" | "complete" | "error" | "cancelled";
  childId: string | null;
  epoch: number;
  scored: number;
  error: string | null;
};

export function launchRefine(input: RefineInput, onState: (state: RefineState) => void): { cancel(): void; done: Promise<string | null> } {
  let cancelled = false;
  let training: TrainingHandle | null = null;
  const scoring = { dispose: () => {} };
  const state: RefineState = { phase: "starting", childId: null, epoch: 0, scored: 0, error: null };
  const set = (patch: Partial<RefineState>) => {
    Object.assign(state, patch);
    onState({ ...state });
  };

  const done = (async () => {
    set({});
    const body = { datasetId: input.datasetId, detector: input.detector, config: input.config, parentRunId: input.parentRunId };
    const { run } = await sendJson<{ run: { id: string } }>("POST", "/api/runs", body, "Creating the refined run");
    const childId = run.id;
    set({ childId });
    const heartbeat = setInterval(() => patchRun(childId, {}).catch(() => undefined), 10_000);
    try {
      set({ phase: "loading" });
      const weights = await fetchWeights(input.parentRunId, "Loading the parent's weights");
      // The training sequences and every labelled one, each once; spans index into this list.
      const ids = [
        ...new Set([...input.sequences.filter((s) => s.split === "train").map((s) => s.id), ...input.spans.map((s) => s.sequenceId)]),
      ];
      const sequences = [];
      for (const id of ids) sequences.push(zscore(await fetchSequence(input.datasetId, id), input.trainStats));
      const spans: LabelledSpan[] = input.spans.map((s) => ({
        sequence: ids.indexOf(s.sequenceId),
        start: s.start,
        end: s.end,
        anomalous: s.anomalous,
      }));
      if (cancelled) throw new WorkerError("interrupted", "Cancelled.");
      set({ phase: "fine-tuning" });
      const epochs: unknown[] = [];
      training = startTraining(
        {
          type: "refine",
          parent: weights,
          sequences,
          spans,
          alpha: input.alpha,
          epochs: input.epochs,
          learningRate: input.learningRate,
          batchSize: input.config.batchSize,
          seed: input.config.seed,
          maxWindows: input.config.maxTrainWindows,
        },
        (e) => {
          if (e.type === "progress") {
            const { epoch, trainLoss, beta, ms } = e.epoch;
            epochs.push({ epoch, trainLoss, valLoss: null, beta, ms });
            set({ epoch: e.epoch.epoch + 1 });
          } else if (e.type === "load") patchRun(childId, { backend: e.backend, backendReason: e.reason }).catch(() => undefined);
        },
      );
      const result = await training.done;
      set({ phase: "saving" });
      await uploadWeights(childId, result.weights);
      if (epochs.length > 0) await patchRun(childId, { epochs, bestEpoch: epochs.length - 1 });
      set({ phase: "scoring" });
      const launch = {
        datasetId: input.datasetId,
        detector: input.detector,
        config: input.config,
        sequences: input.sequences,
        trainStats: input.trainStats,
      };
      const threshold = await scoreAll(
        childId,
        launch,
        result.weights,
        undefined,
        (dispose) => (scoring.dispose = dispose),
        () => cancelled,
        (scored) => set({ scored }),
      );
      await completeScoredRun(childId, threshold);
      set({ phase: "complete" });
      return childId;
    } catch (error) {
      set(await endFailedRun(childId, error, cancelled));
      return null;
    } finally {
      clearInterval(heartbeat);
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

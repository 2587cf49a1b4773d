/**
 * Drives an ALOE refinement in the browser (docs/algorithms.md §8.5): create the child run linked to
 * its parent, load the parent's weights and the z-scored training and labelled sequences, fine-tune
 * in the training worker, save the weights, score every sequence in the scoring workers and complete
 * the run (the shared steps are run-controller.ts's driveRun, which also marks the child interrupted
 * when the tab closes); the server then gives the child its threshold from the parent's labels.
 */
import type { LabelledSpan } from "@/lib/detectors/loe";
import { zscore } from "@/lib/preprocess";
import type { RefineView } from "@/lib/runs/refine-view";
import { startTraining } from "@/workers/train/client";
import { WorkerError } from "@/workers/worker-error";
import { sendJson } from "../api-client";
import { driveRun } from "./run-controller";
import { fetchRunWeights, fetchSequence, patchRun } from "./run-io";
import { FETCHES_IN_FLIGHT, mapInOrder } from "@/lib/runs/pipeline";

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
  const state: RefineState = { phase: "starting", childId: null, epoch: 0, scored: 0, error: null };
  const set = (patch: Partial<RefineState>) => {
    Object.assign(state, patch);
    onState({ ...state });
  };
  set({});
  return driveRun({
    async create() {
      const body = { datasetId: input.datasetId, detector: input.detector, config: input.config, parentRunId: input.parentRunId };
      const { run } = await sendJson<{ run: { id: string } }>("POST", "/api/runs", body, "Creating the refined run");
      return run.id;
    },
    heartbeat: () => ({}),
    async train(childId, cancelled, started) {
      set({ phase: "loading" });
      const weights = await fetchRunWeights(input.parentRunId, "Loading the parent's weights");
      // The training sequences and every labelled one, each once; spans index into this list.
      const ids = [
        ...new Set([...input.sequences.filter((s) => s.split === "train").map((s) => s.id), ...input.spans.map((s) => s.sequenceId)]),
      ];
      const sequences = await mapInOrder(ids, FETCHES_IN_FLIGHT, async (id) =>
        zscore(await fetchSequence(input.datasetId, id), input.trainStats),
      );
      const spans: LabelledSpan[] = input.spans.map((s) => ({
        sequence: ids.indexOf(s.sequenceId),
        start: s.start,
        end: s.end,
        anomalous: s.anomalous,
      }));
      if (cancelled()) throw new WorkerError("interrupted", "Cancelled.");
      set({ phase: "fine-tuning" });
      const epochs: unknown[] = [];
      const training = startTraining(
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
      started(training);
      const result = await training.done;
      return { weights: result.weights, progress: epochs.length > 0 ? { epochs, bestEpoch: epochs.length - 1 } : null };
    },
    scoring: {
      datasetId: input.datasetId,
      detector: input.detector,
      config: input.config,
      sequences: input.sequences,
      trainStats: input.trainStats,
    },
    backend: () => undefined,
    report: {
      created: (childId) => set({ childId }),
      saving: () => set({ phase: "saving" }),
      scoring: () => set({ phase: "scoring" }),
      scored: (scored) => set({ scored }),
      complete: () => set({ phase: "complete" }),
      ended: (outcome) => set(outcome),
    },
  });
}

/**
 * The training worker's refinement: load the parent's weights, fine-tune them with ALOE's objective
 * (lib/detectors/loe.ts) or, for the linear detector, refit without the anomalous and latent-anomalous
 * steps (loe-linear.ts), and return the new weights. Epochs are reported in the training's shape so
 * that the run's loss chart reads them: trainLoss is the ALOE objective, trainNll the labelled-normal
 * windows' mean NLL at the epoch's start; there is no validation loss (NaN).
 */
import { DetectorError, detectorSpec, loadDetector, type Detector, type EpochReport, type LinearConfig } from "@/lib/detectors";
import type { NetworkDetector } from "@/lib/detectors/detector";
import type { LoeEpoch } from "@/lib/detectors/loe";
import { refitLinear } from "@/lib/detectors/loe-linear";
import type { TrainEvent, TrainRefine } from "./protocol";

function asEpoch(e: LoeEpoch, ms: number): EpochReport {
  return {
    epoch: e.epoch,
    trainLoss: e.loss,
    trainNll: e.normalNll,
    trainKl: 0,
    valLoss: Number.NaN,
    beta: 0,
    ms,
    bestEpoch: e.epoch,
    bestLoss: e.loss,
  };
}

export async function refine(request: TrainRefine, signal: AbortSignal, post: (event: TrainEvent) => void): Promise<Detector> {
  const noRefine = detectorSpec(request.parent.kind).noRefine;
  if (noRefine) throw new DetectorError("invalid_option", noRefine);
  const parent = await loadDetector(request.parent);
  if (parent.kind === "linear") {
    const scores = [];
    for (const columns of request.sequences) scores.push((await parent.score(columns)).score);
    parent.dispose();
    const { detector } = await refitLinear(request.parent.config as LinearConfig, request, scores, request.alpha);
    return detector;
  }
  const net = parent as NetworkDetector;
  const epochs: EpochReport[] = [];
  let last = performance.now();
  try {
    await net.fineTune(request, {
      alpha: request.alpha,
      epochs: request.epochs,
      batchSize: request.batchSize,
      learningRate: request.learningRate,
      seed: request.seed,
      maxWindows: request.maxWindows,
      signal,
      onEpoch: (e) => {
        const now = performance.now();
        const epoch = asEpoch(e, now - last);
        last = now;
        epochs.push(epoch);
        post({ type: "progress", epoch, epochs: request.epochs });
      },
    });
  } catch (error) {
    net.dispose();
    throw error;
  }
  return net;
}

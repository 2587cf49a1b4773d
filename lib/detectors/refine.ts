/**
 * ALOE's refinement of a trained detector (docs/algorithms.md §8.5), one entry for the training
 * worker and the evaluation harness: the recurrent detectors are fine-tuned with ALOE's objective
 * (loe.ts); the linear detector, which has no loss to push up, is refitted without the anomalous and
 * latent-anomalous steps (loe-linear.ts; `onEpoch` is not called).
 */
import type { NetworkDetector } from "./detector";
import { loadDetector } from "./index";
import type { LoeData, LoeOptions } from "./loe";
import { refitLinear } from "./loe-linear";
import { DetectorError } from "./errors";
import { detectorSpec } from "./registry";
import type { Detector, LinearConfig, SavedWeights } from "./types";

export async function refineDetector(parent: SavedWeights, data: LoeData, options: LoeOptions): Promise<Detector> {
  const noRefine = detectorSpec(parent.kind)?.noRefine;
  if (noRefine) throw new DetectorError("invalid_option", noRefine);
  const detector = await loadDetector(parent);
  if (detector.kind === "linear") {
    const scores: Float32Array[] = [];
    try {
      for (const columns of data.sequences) scores.push((await detector.score(columns)).score);
    } finally {
      detector.dispose();
    }
    return (await refitLinear(parent.config as LinearConfig, data, scores, options.alpha)).detector;
  }
  const net = detector as NetworkDetector;
  try {
    await net.fineTune(data, options);
  } catch (error) {
    net.dispose();
    throw error;
  }
  return net;
}

/**
 * Anomaly detectors (docs/algorithms.md §2–§6): the kinds of registry.ts behind one interface —
 * train on z-scored sequences, score every step of a sequence with the Gaussian NLL, save and load the
 * weights as bytes. The neural ones are pure TensorFlow.js: the caller chooses the backend
 * (tf.setBackend). docs/extending.md says how to add a kind.
 */
import { DetectorError } from "./errors";
import { IMPLEMENTATIONS, type LoadableDetector } from "./implementations";
import { DETECTORS, isDetectorKind, type DetectorConfigs } from "./registry";
import type { Detector, DetectorKind, DetectorOptions, SavedWeights } from "./types";

export * from "./types";
export { DETECTORS, detectorSpec, isDetectorKind, type DetectorSpec } from "./registry";
export { DetectorError, errorCode, isDetectorError, type DetectorErrorCode, type DetectorFailureCode } from "./errors";
export { DEFAULT_BETA_SCHEDULE, klBeta, resolveBetaSchedule, type BetaSchedule } from "./beta-schedule";
export { TRAIN_DEFAULTS, MAX_PREDICT_BATCH } from "./train-options";
export { DEFAULT_SCORE_BATCH } from "./score";
export { resolveLinearConfig, resolveLstmAeConfig, resolveTeVaeConfig, resolveTimeVqvaeConfig, resolveWavaeConfig } from "./config";

/** The registry's resolvers, typed per kind so that a kind's options and configuration stay paired. */
const RESOLVERS: { [K in DetectorKind]: { resolve(options: DetectorOptions[K]): DetectorConfigs[K] } } = DETECTORS;

/** The registry's resolver, then the kind's implementation. */
function build<K extends DetectorKind>(kind: K, options: DetectorOptions[K]): LoadableDetector {
  // Reachable with untyped input (a weights header read from the server).
  if (!isDetectorKind(kind)) throw new DetectorError("unknown_kind", `Unknown detector kind "${String(kind)}"`);
  return IMPLEMENTATIONS[kind](RESOLVERS[kind].resolve(options));
}

/** A new detector with seeded initial weights (config.seed). */
export function createDetector<K extends DetectorKind>(kind: K, options: DetectorOptions[K]): Detector {
  return build(kind, options);
}

/** A detector with the saved configuration and weights; throws `invalid_weights` when they do not fit. */
export async function loadDetector(saved: SavedWeights): Promise<Detector> {
  const detector = build(saved.kind, saved.config);
  try {
    detector.load(saved);
  } catch (error) {
    detector.dispose();
    throw error;
  }
  return detector;
}

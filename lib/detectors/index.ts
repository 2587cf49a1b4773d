/**
 * Anomaly detectors (docs/algorithms.md §2–§6): TeVAE, an LSTM autoencoder and a linear detector
 * behind one interface — train on z-scored sequences, score every step of a sequence with the
 * Gaussian NLL, save and load the weights as bytes. The neural ones are pure TensorFlow.js: the
 * caller chooses the backend (tf.setBackend).
 */
import { resolveLinearConfig, resolveLstmAeConfig, resolveTeVaeConfig } from "./config";
import { NetworkDetector, type DetectorIdentity } from "./detector";
import { LinearDetector } from "./linear";
import { DetectorError } from "./errors";
import { createLstmAeNetwork } from "./lstm-ae";
import { createTeVaeNetwork } from "./tevae";
import { type Detector, type DetectorKind, type DetectorOptions, type SavedWeights } from "./types";

export * from "./types";
export { DetectorError, errorCode, isDetectorError, type DetectorErrorCode, type DetectorFailureCode } from "./errors";
export { DEFAULT_BETA_SCHEDULE, klBeta, resolveBetaSchedule, type BetaSchedule } from "./beta-schedule";
export { TRAIN_DEFAULTS, MAX_PREDICT_BATCH } from "./train-options";
export { DEFAULT_SCORE_BATCH } from "./score";
export { resolveLinearConfig, resolveLstmAeConfig, resolveTeVaeConfig } from "./config";

function build(identity: DetectorIdentity): NetworkDetector | LinearDetector {
  if (identity.kind === "linear") return new LinearDetector(identity.config);
  const net = identity.kind === "tevae" ? createTeVaeNetwork(identity.config) : createLstmAeNetwork(identity.config);
  return new NetworkDetector(identity, net);
}

function identityOf(kind: DetectorKind, options: DetectorOptions[DetectorKind]): DetectorIdentity {
  if (kind === "tevae") return { kind, config: resolveTeVaeConfig(options) };
  if (kind === "lstm-ae") return { kind, config: resolveLstmAeConfig(options) };
  if (kind === "linear") return { kind, config: resolveLinearConfig(options) };
  // Reachable with untyped input (a weights header read from the server).
  throw new DetectorError("unknown_kind", `Unknown detector kind "${String(kind)}"`);
}

/** A new detector with seeded initial weights (config.seed). */
export function createDetector<K extends DetectorKind>(kind: K, options: DetectorOptions[K]): Detector {
  return build(identityOf(kind, options));
}

/** A detector with the saved configuration and weights; throws `invalid_weights` when they do not fit. */
export async function loadDetector(saved: SavedWeights): Promise<Detector> {
  const detector = build(identityOf(saved.kind, saved.config));
  try {
    detector.load(saved);
  } catch (error) {
    detector.dispose();
    throw error;
  }
  return detector;
}

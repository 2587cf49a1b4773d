/**
 * Typed errors of the detectors, so that a worker can tell the UI precisely what went wrong.
 */
import { BackendUnavailableError } from "../backend/choose";
import { CodedError } from "../coded-error";
import { PreprocessError, type PreprocessErrorCode } from "../preprocess/errors";

export type DetectorErrorCode =
  /** A configuration value out of range (sizes, window, seed). */
  | "invalid_config"
  /** A training or scoring option out of range (epochs, batch size, learning rate, …). */
  | "invalid_option"
  /** A sequence with a different number of channels than the detector was built for. */
  | "channel_mismatch"
  /** Channels of one sequence of different lengths. */
  | "length_mismatch"
  /** No training sequence is at least one window long. */
  | "no_training_windows"
  /** The AbortSignal fired; training restored the best weights seen so far before throwing. */
  | "aborted"
  /** SavedWeights whose kind, names, shapes or byte length do not fit the detector. */
  | "invalid_weights"
  /** A detector kind this build does not know. */
  | "unknown_kind"
  /** The detector was used after dispose(). */
  | "disposed"
  /** A second call while the detector is training or scoring. */
  | "busy";

export class DetectorError extends CodedError<DetectorErrorCode> {
  override readonly name = "DetectorError" as const;
}

export function isDetectorError(error: unknown): error is DetectorError {
  return error instanceof DetectorError;
}

/** What a training or scoring worker reports when a call fails: every code it can send, and no other. */
export type DetectorFailureCode = DetectorErrorCode | PreprocessErrorCode | BackendUnavailableError["code"] | "internal";

/**
 * The code to show for any error a detector call threw: a DetectorError's or PreprocessError's code,
 * "no_backend" when no TensorFlow.js backend started, or "internal".
 */
export function errorCode(error: unknown): DetectorFailureCode {
  if (error instanceof DetectorError || error instanceof PreprocessError || error instanceof BackendUnavailableError) return error.code;
  return "internal";
}

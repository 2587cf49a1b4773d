/**
 * Typed errors of the detectors, so that a worker can tell the UI precisely what went wrong.
 */
import { CodedError } from "../coded-error";

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

/**
 * The code to show for any error a detector call threw: a DetectorError's code, the code of another
 * typed error of lib/ (e.g. a PreprocessError), or "internal".
 */
export function errorCode(error: unknown): string {
  if (error instanceof DetectorError) return error.code;
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return "internal";
}

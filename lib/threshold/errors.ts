/**
 * Typed errors of the threshold step, so that the UI and route handlers can say precisely
 * what was wrong with a label or an option.
 */
import { CodedError } from "../coded-error";

export type ThresholdErrorCode =
  /** An anomalous label whose onset is negative, NaN or infinite. */
  | "invalid_onset"
  /** A sampling rate that is not a positive finite number. */
  | "invalid_rate"
  /** A threshold that is NaN. */
  | "invalid_threshold"
  /** No finite score to take a maximum of (unsupervised threshold). */
  | "no_finite_scores";

export class ThresholdError extends CodedError<ThresholdErrorCode> {
  override readonly name = "ThresholdError" as const;
}

export function isThresholdError(error: unknown): error is ThresholdError {
  return error instanceof ThresholdError;
}

/**
 * Typed errors of the preprocessing step, so that the UI and route handlers can say
 * precisely what was wrong with a dataset or an option.
 */
import { CodedError } from "../coded-error";

export type PreprocessErrorCode =
  /** A downsampling factor that is not a positive integer. */
  | "invalid_factor"
  /** A sampling rate that is not a positive finite number. */
  | "invalid_rate"
  /** source / target sampling rate is not a positive integer. */
  | "rate_ratio_not_integer"
  /** A window size that is not a positive integer. */
  | "invalid_window_size"
  /** A window shift that is not a positive integer. */
  | "invalid_shift"
  /** Any other option out of its range (window-size bounds, max lag, FFT length, channel count). */
  | "invalid_option"
  /** Statistics or sequences with a different number of channels than expected. */
  | "channel_mismatch"
  /** Channels of one sequence of different lengths, or a buffer of the wrong size. */
  | "length_mismatch"
  /** A window start outside the sequence. */
  | "window_out_of_range"
  /** A NaN or infinite value where only finite values make sense. */
  | "non_finite_value"
  /** Nothing to compute from (no training steps, no training sequences). */
  | "empty_input"
  /** Split ratios negative, non-finite or not summing to 1. */
  | "invalid_split_ratios"
  /** A sequence count that is not a non-negative integer. */
  | "invalid_count";

export class PreprocessError extends CodedError<PreprocessErrorCode> {
  override readonly name = "PreprocessError" as const;
}

export function isPreprocessError(error: unknown): error is PreprocessError {
  return error instanceof PreprocessError;
}

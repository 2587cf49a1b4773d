/**
 * The run form's window and scoring shift, chosen with the evaluation harness so that a run on a
 * dataset the size of the demo (80 sequences, ~170,000 steps) finishes in minutes on a two-core
 * machine without a GPU (docs/algorithms.md §6 has the figures; the epochs, windows per epoch and
 * patience are each detector's form defaults in lib/detectors/registry.ts). The form can change all.
 */

/**
 * The longest window the form suggests. The dataset's window comes from its autocorrelation
 * (docs/algorithms.md §1.3; 128 steps on the demo); a training step costs about its length, and at
 * the same number of steps a 32-step window trained as well on the demo in a quarter of the time.
 */
export const WINDOW_CAP = 32;

/** The window the form suggests: the dataset's (autocorrelation) window, capped at `WINDOW_CAP`. */
export function defaultWindow(datasetWindow: number | null | undefined): number {
  return Math.min(datasetWindow ?? WINDOW_CAP, WINDOW_CAP);
}

/** Scored windows per window length: shift = window / 8, so each step is still the mean of 8 windows' reconstructions. */
export const SCORE_SHIFT_DIVISOR = 8;

/** The scoring shift the form suggests for a window: ⌊window / 8⌋, at least 1. */
export function defaultScoreShift(windowSize: number): number {
  return Math.max(1, Math.floor(windowSize / SCORE_SHIFT_DIVISOR));
}

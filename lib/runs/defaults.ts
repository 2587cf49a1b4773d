/**
 * The run form's defaults for the neural detectors, chosen with the evaluation harness so that a
 * run on a dataset the size of the demo (80 sequences, ~170,000 steps) finishes in minutes on a
 * two-core machine without a GPU while the detector separates the classes as well as with the
 * reference's settings (docs/algorithms.md §6 has the figures). Every value can be changed in the form.
 */
export const RUN_DEFAULTS = {
  epochs: 30,
  batchSize: 64,
  learningRate: 0.001,
  patience: 5,
  /** Training (and validation) windows per epoch, sampled; the reference uses all. */
  maxTrainWindows: 1024,
} as const;

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

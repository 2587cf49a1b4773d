import type { SeriesColumns } from "../series/types";
import { columnsLength, requireNonNegativeInteger, requirePositiveInteger } from "./check";
import { PreprocessError } from "./errors";

/** The reference's scoring shift: windows move one step at a time, so every step is covered by up to windowSize of them. */
export const SCORING_SHIFT = 1;

/** Training windows overlap by half: shift = max(1, ⌊windowSize/2⌋) (the reference's "half"). */
export function trainingShift(windowSize: number): number {
  requirePositiveInteger(windowSize, "invalid_window_size", "window size");
  return Math.max(1, Math.floor(windowSize / 2));
}

/** How many windows fit entirely: ⌊(length − windowSize)/shift⌋ + 1, or 0 when length < windowSize. */
export function windowCount(length: number, windowSize: number, shift: number): number {
  requireNonNegativeInteger(length, "length_mismatch", "sequence length");
  requirePositiveInteger(windowSize, "invalid_window_size", "window size");
  requirePositiveInteger(shift, "invalid_shift", "window shift");
  return length < windowSize ? 0 : Math.floor((length - windowSize) / shift) + 1;
}

/**
 * Start indices 0, shift, 2·shift, … of the windows that fit entirely inside the sequence. With
 * shift 1 that is length − windowSize + 1 windows covering every step. With a larger shift the last
 * (length − windowSize) mod shift steps are covered by no window (as in the reference pipeline).
 * A sequence shorter than the window gives no windows: it cannot be trained on or scored.
 */
export function windowStarts(length: number, windowSize: number, shift: number): number[] {
  const count = windowCount(length, windowSize, shift);
  return Array.from({ length: count }, (_, w) => w * shift);
}

/**
 * The windows a sequence is scored with: starts 0, shift, 2·shift, … and, when the shift does not
 * land on it, one more window ending at the last step, so every step is covered by at least one
 * window for any shift up to the window size. Shift 1 gives `windowStarts(length, windowSize, 1)`.
 */
export function scoringStarts(length: number, windowSize: number, shift: number): number[] {
  requirePositiveInteger(shift, "invalid_shift", "scoring shift");
  if (shift > windowSize) {
    throw new PreprocessError("invalid_shift", `a scoring shift of ${shift} steps leaves steps of a ${windowSize}-step window uncovered`);
  }
  const starts = windowStarts(length, windowSize, shift);
  const last = length - windowSize;
  if (starts.length > 0 && starts[starts.length - 1] !== last) starts.push(last);
  return starts;
}

/** How many windows `scoringStarts` gives, without listing them. */
export function scoringWindowCount(length: number, windowSize: number, shift: number): number {
  const count = windowCount(length, windowSize, shift);
  return count > 0 && (length - windowSize) % shift !== 0 ? count + 1 : count;
}

function checkStarts(starts: readonly number[], length: number, windowSize: number): void {
  starts.forEach((start, w) => {
    if (!Number.isInteger(start) || start < 0 || start + windowSize > length) {
      throw new PreprocessError(
        "window_out_of_range",
        `window ${w} [${start}, ${start + windowSize}) lies outside a sequence of ${length} steps`,
      );
    }
  });
}

/**
 * Copies the windows into one buffer laid out [window][step][channel] — the row-major layout of a
 * tensor of shape [starts.length, windowSize, channels]. Throws `window_out_of_range` for a start
 * whose window does not fit.
 */
export function extractWindows(columns: SeriesColumns, starts: readonly number[], windowSize: number): Float32Array {
  requirePositiveInteger(windowSize, "invalid_window_size", "window size");
  const length = columnsLength(columns);
  checkStarts(starts, length, windowSize);
  const channels = columns.length;
  const out = new Float32Array(starts.length * windowSize * channels);
  columns.forEach((column, c) => {
    starts.forEach((start, w) => {
      const base = w * windowSize * channels + c;
      for (let t = 0; t < windowSize; t++) out[base + t * channels] = column[start + t] ?? 0;
    });
  });
  return out;
}

export type ReverseMode = "mean" | "first" | "last";

type Layout = { starts: readonly number[]; length: number; windowSize: number; channels: number };

function emptyColumns(length: number, channels: number): SeriesColumns {
  return Array.from({ length: channels }, () => new Float32Array(length).fill(NaN));
}

function reverseMean(values: Float32Array, l: Layout): SeriesColumns {
  const counts = new Uint32Array(l.length);
  for (const start of l.starts) {
    for (let t = 0; t < l.windowSize; t++) counts[start + t] = (counts[start + t] ?? 0) + 1;
  }
  return emptyColumns(l.length, l.channels).map((column, c) => {
    const sum = new Float64Array(l.length);
    l.starts.forEach((start, w) => {
      const base = w * l.windowSize * l.channels + c;
      for (let t = 0; t < l.windowSize; t++) {
        sum[start + t] = (sum[start + t] ?? 0) + (values[base + t * l.channels] ?? 0);
      }
    });
    for (let i = 0; i < l.length; i++) {
      const n = counts[i] ?? 0;
      if (n > 0) column[i] = (sum[i] ?? 0) / n;
    }
    return column;
  });
}

/** Window indices by start (stable for equal starts); the identity when already sorted, as windowStarts gives. */
function orderByStart(starts: readonly number[]): number[] {
  const order = starts.map((_, w) => w);
  const sorted = starts.every((s, w) => w === 0 || s >= (starts[w - 1] ?? 0));
  return sorted ? order : order.sort((a, b) => (starts[a] ?? 0) - (starts[b] ?? 0) || a - b);
}

/** For each step, the first window in `order` that covers it (−1 where none does). */
function stepOwners(l: Layout, order: readonly number[]): Int32Array {
  const owner = new Int32Array(l.length).fill(-1);
  for (const w of order) {
    const start = l.starts[w] ?? 0;
    for (let t = 0; t < l.windowSize; t++) {
      if (owner[start + t] === -1) owner[start + t] = w;
    }
  }
  return owner;
}

/** Each step takes its value from the window that owns it; unowned steps stay NaN. */
function reverseByOwner(values: Float32Array, l: Layout, owner: Int32Array): SeriesColumns {
  return emptyColumns(l.length, l.channels).map((column, c) => {
    for (let i = 0; i < l.length; i++) {
      const w = owner[i] ?? -1;
      if (w < 0) continue;
      const t = i - (l.starts[w] ?? 0);
      column[i] = values[(w * l.windowSize + t) * l.channels + c] ?? NaN;
    }
    return column;
  });
}

/**
 * Puts window values ([window][step][channel], as extractWindows lays them out) back on the time
 * axis of a sequence of `length` steps, one Float32Array per channel:
 * - "mean": the average of every window's value at each step (the reference's default for scoring);
 * - "first": each step takes the value of the earliest window (smallest start) covering it;
 * - "last": each step takes the value of the latest window (largest start) covering it.
 * Equal starts: "first" keeps the lower window index, "last" the higher. Steps covered by no window
 * are NaN. O(nWindows·windowSize·channels + length·channels) time (plus a sort when starts are not
 * ascending).
 */
export function reverseWindow(
  windowValues: Float32Array,
  starts: readonly number[],
  length: number,
  windowSize: number,
  channels: number,
  mode: ReverseMode,
): SeriesColumns {
  requirePositiveInteger(windowSize, "invalid_window_size", "window size");
  requireNonNegativeInteger(length, "length_mismatch", "sequence length");
  requireNonNegativeInteger(channels, "invalid_option", "channel count");
  if (windowValues.length !== starts.length * windowSize * channels) {
    throw new PreprocessError(
      "length_mismatch",
      `${windowValues.length} window values for ${starts.length} windows × ${windowSize} steps` + ` × ${channels} channels`,
    );
  }
  checkStarts(starts, length, windowSize);
  const layout: Layout = { starts, length, windowSize, channels };
  if (mode === "mean") return reverseMean(windowValues, layout);
  const order = orderByStart(starts);
  const owner = stepOwners(layout, mode === "first" ? order : order.reverse());
  return reverseByOwner(windowValues, layout, owner);
}

/**
 * The segment length suggested for querying (the run page pre-fills it, the harness's `--segment auto`
 * uses it). Whole sequences are the paper's unit and fine when the pool has many of modest length;
 * with few sequences (< 30) or long ones (median > 16 windows) a whole sequence is too coarse a
 * question, and the pool too small, so the sequences are cut into segments: a multiple of the
 * detector's window, at least 4 windows, long enough that the pool yields about `target` candidates —
 * so a pool whose whole sequences already number more than that keeps them. Returns null for whole
 * sequences.
 */
export const MIN_WHOLE_SEQUENCES = 30;
export const LONG_IN_WINDOWS = 16;
export const MIN_SEGMENT_WINDOWS = 4;
export const DEFAULT_CANDIDATE_TARGET = 100;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function suggestSegmentLength(args: { lengths: readonly number[]; window: number; target?: number }): number | null {
  const lengths = args.lengths.filter((n) => n > 0);
  const window = Math.max(1, Math.round(args.window));
  const target = args.target ?? DEFAULT_CANDIDATE_TARGET;
  if (lengths.length === 0) return null;
  const few = lengths.length < MIN_WHOLE_SEQUENCES;
  const long = median(lengths) > LONG_IN_WINDOWS * window;
  if (!few && !long) return null;
  const total = lengths.reduce((a, b) => a + b, 0);
  const windows = Math.max(MIN_SEGMENT_WINDOWS, Math.ceil(total / target / window));
  const length = windows * window;
  // A segment as long as the typical sequence is a whole sequence.
  return length >= median(lengths) ? null : length;
}

/**
 * A suggested segment length for query candidates. Pure, shared by the run page's query panel and the
 * evaluation harness.
 *
 * DQS picks among candidates; with few of them (a pool of a handful of sequences) it has nothing to
 * choose from, and with long ones an expert has to scan thousands of steps for one verdict. So when
 * the pool holds few sequences (< 30) or long ones (median > 16 detector windows), the sequences are
 * cut into segments of a small multiple of the detector window, sized so that the pool yields about
 * `target` candidates (tens to ~100) — never shorter than 4 windows. A pool of ≥ 30 sequences of
 * modest length is queried as whole sequences (null), as in the DQS paper.
 */
import { detectorSpec } from "../detectors/registry";
import { segmentBounds } from "./candidates";

/** A pool with at least this many sequences has enough candidates as whole sequences (unless they are long). */
export const ENOUGH_SEQUENCES = 30;
/** A sequence whose length is above this many windows is long. */
export const LONG_IN_WINDOWS = 16;
/** A segment is never shorter than this many windows. */
export const MIN_SEGMENT_WINDOWS = 4;
/** How many candidates a suggested segment length aims at. */
export const DEFAULT_CANDIDATE_TARGET = 80;
/** The window used for a detector that has none (the linear one: `windowed: false` in the registry). */
export const DEFAULT_WINDOW = 16;

export type SegmentInput = {
  /** Lengths (steps) of the pool's sequences. */
  lengths: readonly number[];
  /** The detector's window (steps). */
  window: number;
  /** Candidates to aim at; default DEFAULT_CANDIDATE_TARGET. */
  target?: number;
};

export type SegmentSuggestion = {
  /** Steps per segment, a multiple of the window; null: whole sequences. */
  segmentLength: number | null;
  /** How many candidates the pool yields with it. */
  candidates: number;
  /** One line that says why. */
  text: string;
};

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The detector window of a run: its config's windowSize, DEFAULT_WINDOW for a detector without windows or a config without one. */
export function detectorWindow(detector: string, config: unknown): number {
  if (detectorSpec(detector)?.windowed === false) return DEFAULT_WINDOW;
  const size = typeof config === "object" && config !== null ? (config as { windowSize?: unknown }).windowSize : undefined;
  return typeof size === "number" && Number.isInteger(size) && size > 0 ? size : DEFAULT_WINDOW;
}

/** The number of candidates sequences of these lengths yield, cut as the query panel cuts them. */
export function countCandidates(lengths: readonly number[], segmentLength: number | null): number {
  return lengths.reduce((n, length) => n + segmentBounds(length, segmentLength).length, 0);
}

/** The suggested segment length with the number of candidates it gives and why. */
export function segmentSuggestion({ lengths, window, target = DEFAULT_CANDIDATE_TARGET }: SegmentInput): SegmentSuggestion {
  const w = Math.max(1, Math.round(window));
  const sorted = lengths.filter((l) => l > 0).sort((a, b) => a - b);
  const n = sorted.length;
  const whole = (text: string): SegmentSuggestion => ({ segmentLength: null, candidates: n, text });
  if (n === 0) return whole("No sequences in the pool.");
  const few = n < ENOUGH_SEQUENCES;
  const long = median(sorted) > LONG_IN_WINDOWS * w;
  const sequences = `${n} ${n === 1 ? "sequence" : "sequences"}`;
  if (!few && !long) return whole(`${sequences} of modest length in the pool: whole sequences give ${n} candidates.`);
  const total = sorted.reduce((a, b) => a + b, 0);
  const segment = Math.max(MIN_SEGMENT_WINDOWS * w, Math.round(total / Math.max(1, target) / w) * w);
  if (segment >= (sorted.at(-1) ?? 0)) {
    return whole(
      long
        ? `${sequences} in the pool: whole sequences already give ${n} candidates.`
        : `${sequences}, all short, in the pool: whole sequences give ${n} candidates.`,
    );
  }
  const candidates = countCandidates(sorted, segment);
  const why = long ? `${n} long ${n === 1 ? "sequence" : "sequences"} (median ${Math.round(median(sorted))} steps)` : `Only ${sequences}`;
  return {
    segmentLength: segment,
    candidates,
    text: `${why} in the pool: segments of ${segment} steps (${segment / w} windows of ${w}) give ~${candidates} candidates.`,
  };
}

/** The suggested segment length alone (null: whole sequences). */
export function suggestSegmentLength(input: SegmentInput): number | null {
  return segmentSuggestion(input).segmentLength;
}

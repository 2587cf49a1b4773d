/**
 * Candidates for querying (docs/algorithms.md §7): the anomaly-score series of a whole sequence, or of
 * fixed-length segments of long sequences. A candidate's key names its stretch of the dataset
 * ("<sequenceId>:<start>-<end>"), so earlier queries of the dataset are recognised whatever run
 * produced them. Pure.
 */
import type { Candidate } from "./types";

export type ScoredSequence = { sequenceId: string; score: Float32Array };

export type Stretch = { sequenceId: string; start: number; end: number };

export function candidateKey(s: Stretch): string {
  return `${s.sequenceId}:${s.start}-${s.end}`;
}

export function parseCandidateKey(key: string): Stretch | null {
  const match = /^([^:]+):(\d+)-(\d+)$/.exec(key);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  const start = Number(match[2]);
  const end = Number(match[3]);
  return end > start ? { sequenceId: match[1], start, end } : null;
}

/**
 * Whole sequences when `segmentLength` is null or not shorter than a sequence; otherwise
 * consecutive segments of `segmentLength` steps (a tail shorter than half a segment joins the last).
 */
export function buildCandidates(sequences: ScoredSequence[], segmentLength: number | null): (Candidate & Stretch)[] {
  const out: (Candidate & Stretch)[] = [];
  for (const { sequenceId, score } of sequences) {
    for (const [start, end] of segmentBounds(score.length, segmentLength)) {
      const stretch = { sequenceId, start, end };
      out.push({ ...stretch, key: candidateKey(stretch), scores: score.subarray(start, end) });
    }
  }
  return out;
}

export function segmentBounds(length: number, segmentLength: number | null): [number, number][] {
  if (length <= 0) return [];
  if (segmentLength === null || segmentLength >= length) return [[0, length]];
  const bounds: [number, number][] = [];
  for (let start = 0; start < length; start += segmentLength) bounds.push([start, Math.min(length, start + segmentLength)]);
  const last = bounds.at(-1);
  const previous = bounds.at(-2);
  if (last && previous && last[1] - last[0] < segmentLength / 2) {
    bounds.pop();
    previous[1] = last[1];
  }
  return bounds;
}

/** Replaces candidate keys inside a text (e.g. a pick's reason) with "<sequence name> <start>–<end>". */
export function nameCandidateKeys(text: string, sequenceNames: ReadonlyMap<string, string>): string {
  return text.replace(/([A-Za-z0-9_-]+):(\d+)-(\d+)/g, (match, id: string, start: string, end: string) => {
    const name = sequenceNames.get(id);
    return name ? `${name} ${start}–${end}` : match;
  });
}

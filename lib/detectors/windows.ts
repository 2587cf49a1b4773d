/**
 * Training and validation windows as references (sequence, start) into the caller's series, so
 * that a batch is copied out only when it is needed: memory stays bounded by one batch.
 */
import { trainingShift, windowStarts } from "../preprocess";
import type { Rng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { DetectorError } from "./errors";

export type WindowRef = { sequence: number; start: number };

/** Throws unless every sequence has `features` channels of one length; returns the length. */
export function checkColumns(columns: SeriesColumns, features: number, what = "sequence"): number {
  if (columns.length !== features) {
    throw new DetectorError("channel_mismatch", `${what} has ${columns.length} channels, the detector ${features}`);
  }
  const length = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== length)) {
    throw new DetectorError("length_mismatch", `${what} has channels of different lengths`);
  }
  return length;
}

/** Windows with the training shift (half a window) of every sequence long enough for one. */
export function windowRefs(sequences: readonly SeriesColumns[], windowSize: number, features: number): WindowRef[] {
  const shift = trainingShift(windowSize);
  return sequences.flatMap((columns, sequence) => {
    const length = checkColumns(columns, features, `sequence ${sequence}`);
    return windowStarts(length, windowSize, shift).map((start) => ({ sequence, start }));
  });
}

/** At most `max` of the refs, drawn without replacement, kept in their original order. */
export function sampleRefs(refs: readonly WindowRef[], max: number | undefined, rng: Rng): WindowRef[] {
  if (max === undefined || refs.length <= max) return [...refs];
  const picked = refs.map((_, i) => i);
  for (let i = 0; i < max; i++) swap(picked, i, i + rng.int(picked.length - i));
  return picked
    .slice(0, max)
    .sort((a, b) => a - b)
    .flatMap((i) => refs[i] ?? []);
}

export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) swap(items, i, rng.int(i + 1));
  return items;
}

function swap<T>(items: T[], i: number, j: number): void {
  const a = items[i];
  const b = items[j];
  if (a === undefined || b === undefined) return;
  items[i] = b;
  items[j] = a;
}

/** Copies the windows into one [window][step][channel] buffer (a [n, windowSize, channels] tensor). */
export function gatherWindows(
  sequences: readonly SeriesColumns[],
  refs: readonly WindowRef[],
  windowSize: number,
  channels: number,
): Float32Array {
  const out = new Float32Array(refs.length * windowSize * channels);
  refs.forEach(({ sequence, start }, w) => {
    const columns = sequences[sequence] ?? [];
    for (let c = 0; c < channels; c++) {
      const column = columns[c];
      if (!column) continue;
      const base = w * windowSize * channels + c;
      for (let t = 0; t < windowSize; t++) out[base + t * channels] = column[start + t] ?? 0;
    }
  });
  return out;
}

/** Consecutive slices of at most `size` items. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

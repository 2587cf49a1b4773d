/**
 * What every seeded dataset generator of the evaluation harness returns, and the small helpers
 * they share: sub-seeds, choosing the anomalous sequences, names, and 0/1 labels over a span.
 * Pure TypeScript; every random draw comes from `createRng`, so a seed gives bit-identical data.
 */
import { createRng, type Rng } from "../../rng";

export type GeneratedSequence = {
  name: string;
  /** Channel-major: one Float32Array per channel, all of the sequence's length. */
  columns: Float32Array[];
  /** Ground truth, 1 on every step of an injected fault, 0 elsewhere. */
  labels: Uint8Array;
  /** Kinds of the faults injected into this sequence (empty: a normal sequence). */
  faults: string[];
};

export type GeneratedDataset = {
  name: string;
  /** Samples per second (Hz). */
  samplingRate: number;
  channels: string[];
  sequences: GeneratedSequence[];
};

/** `count` independent 32-bit seeds drawn from `rng`. */
export function subSeeds(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.int(2 ** 32));
}

/** `faulty` distinct indices in [0, count), chosen uniformly (a partial Fisher–Yates shuffle). */
export function chooseAnomalous(rng: Rng, count: number, faulty: number): Set<number> {
  const order = Array.from({ length: count }, (_, i) => i);
  const chosen = new Set<number>();
  for (let i = 0; i < Math.min(faulty, count); i++) {
    const j = i + rng.int(count - i);
    const picked = order[j] ?? i;
    order[j] = order[i] ?? j;
    order[i] = picked;
    chosen.add(picked);
  }
  return chosen;
}

/** The kind for the k-th anomalous sequence: the kinds in turn from a random start, so the mix is even. */
export function kindCycle<T>(rng: Rng, kinds: readonly T[]): (k: number) => T {
  const start = rng.int(kinds.length);
  return (k) => kinds[(start + k) % kinds.length] as T;
}

export function sequenceName(prefix: string, index: number, count: number): string {
  return `${prefix}-${String(index + 1).padStart(Math.max(3, String(count).length), "0")}`;
}

/** Marks steps [from, to) as anomalous (clamped to the labels). */
export function markSpan(labels: Uint8Array, from: number, to: number): void {
  labels.fill(1, Math.max(0, Math.floor(from)), Math.min(labels.length, Math.ceil(to)));
}

/** A uniform draw in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

/** A random stream of its own for a sequence's faults, so that drawing faults never changes the clean data. */
export function faultRng(seed: number): Rng {
  return createRng((seed ^ 0x5bd1e995) >>> 0);
}

/** "spike 3, stuck 2": how many faults of each kind the dataset holds, for the report's notes. */
export function faultCounts(sequences: readonly GeneratedSequence[]): string {
  const counts = new Map<string, number>();
  for (const s of sequences) for (const f of s.faults) counts.set(f, (counts.get(f) ?? 0) + 1);
  return (
    [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ") || "none"
  );
}

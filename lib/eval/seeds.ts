/**
 * Derived seeds for the evaluation harness. Every random choice of an experiment comes from
 * `createRng` seeded by a mix of small integers and strings, so that a (seed, fold, stage,
 * sequence) always gives the same draw, whatever else the run computes or in which order.
 */
import { createRng } from "../rng";

/** FNV-1a over the UTF-16 code units of `text`, continuing from `hash`. */
function fnv1a(text: string, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Final avalanche (murmur3's fmix32), so that neighbouring inputs give unrelated seeds. */
function fmix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit seed from any list of parts (numbers and strings); the order of the parts matters. */
export function mixSeed(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) h = fmix(fnv1a(`${typeof part === "number" ? "n" : "s"}${String(part)}|`, h));
  return h;
}

/** One uniform draw in [0, 1) for the given parts (the first output of createRng(mixSeed(...parts))). */
export function uniformFor(...parts: readonly (number | string)[]): number {
  return createRng(mixSeed(...parts)).next();
}

import { createRng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { PreprocessError, type PreprocessErrorCode } from "./errors";

/** Runs `fn` and returns the PreprocessError code it threw (fails the test when it throws anything else). */
export function errorCode(fn: () => unknown): PreprocessErrorCode | "no error" {
  try {
    fn();
  } catch (error) {
    if (error instanceof PreprocessError) return error.code;
    throw error;
  }
  return "no error";
}

export function f32(values: readonly number[]): Float32Array {
  return Float32Array.from(values);
}

/** `channels` channels of `length` seeded standard-normal values. */
export function randomColumns(length: number, channels: number, seed: number): SeriesColumns {
  const rng = createRng(seed);
  return Array.from({ length: channels }, () => Float32Array.from({ length }, () => rng.normal()));
}

/** sin(2πt / period), t = 0..length−1, as float32. */
export function sinusoid(length: number, period: number): Float32Array {
  return Float32Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * t) / period));
}

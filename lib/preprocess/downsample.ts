import type { SeriesColumns } from "../series/types";
import { columnsLength, requirePositiveInteger } from "./check";
import { PreprocessError } from "./errors";

/** Relative tolerance when checking that source / target is a whole number (10 Hz / 0.2 Hz → 50). */
const RATIO_TOLERANCE = 1e-9;

/**
 * The integer downsampling factor from `sourceRate` to `targetRate` (both in Hz), e.g. 10 Hz → 2 Hz = 5.
 * Throws `invalid_rate` for a rate that is not positive and finite, and `rate_ratio_not_integer` when
 * source / target is not a positive integer (upsampling, or 10 Hz → 3 Hz).
 */
export function downsampleFactor(sourceRate: number, targetRate: number): number {
  for (const [what, rate] of [
    ["source rate", sourceRate],
    ["target rate", targetRate],
  ] as const) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new PreprocessError("invalid_rate", `${what} must be a positive number, got ${rate}`);
    }
  }
  const ratio = sourceRate / targetRate;
  const factor = Math.round(ratio);
  if (factor < 1 || Math.abs(ratio - factor) > RATIO_TOLERANCE * ratio) {
    throw new PreprocessError(
      "rate_ratio_not_integer",
      `cannot downsample ${sourceRate} Hz to ${targetRate} Hz: the ratio ${ratio} is not a positive integer`,
    );
  }
  return factor;
}

function averageBlocks(values: Float32Array, factor: number): Float32Array {
  const n = values.length;
  const out = new Float32Array(Math.ceil(n / factor));
  for (let block = 0; block < out.length; block++) {
    const start = block * factor;
    const end = Math.min(start + factor, n);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i] ?? 0;
    out[block] = sum / (end - start);
  }
  return out;
}

/**
 * Averages non-overlapping blocks of `factor` steps in every channel. A trailing partial block is
 * averaged over the steps it has, so the result has ceil(length / factor) steps. Factor 1 copies.
 * Sums are taken in float64.
 */
export function downsampleByAveraging(columns: SeriesColumns, factor: number): SeriesColumns {
  requirePositiveInteger(factor, "invalid_factor", "downsampling factor");
  columnsLength(columns);
  return columns.map((column) => averageBlocks(column, factor));
}

/**
 * Downsamples 0/1 ground-truth labels the same way: a block is 1 when any of its steps is non-zero
 * (an anomaly anywhere in the block marks the block).
 */
export function downsampleLabels(labels: Uint8Array, factor: number): Uint8Array {
  requirePositiveInteger(factor, "invalid_factor", "downsampling factor");
  const n = labels.length;
  const out = new Uint8Array(Math.ceil(n / factor));
  for (let block = 0; block < out.length; block++) {
    const end = Math.min((block + 1) * factor, n);
    for (let i = block * factor; i < end; i++) {
      if (labels[i]) {
        out[block] = 1;
        break;
      }
    }
  }
  return out;
}

import type { SeriesColumns } from "../series/types";
import { PreprocessError, type PreprocessErrorCode } from "./errors";

/** Throws `code` unless `value` is an integer ≥ 1. */
export function requirePositiveInteger(value: number, code: PreprocessErrorCode, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new PreprocessError(code, `${what} must be a positive integer, got ${value}`);
  }
}

/** Throws `code` unless `value` is an integer ≥ 0. */
export function requireNonNegativeInteger(value: number, code: PreprocessErrorCode, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new PreprocessError(code, `${what} must be a non-negative integer, got ${value}`);
  }
}

/** The common length of all channels; throws `length_mismatch` when they differ. 0 for no channels. */
export function columnsLength(columns: SeriesColumns): number {
  const length = columns[0]?.length ?? 0;
  columns.forEach((column, channel) => {
    if (column.length !== length) {
      throw new PreprocessError("length_mismatch", `channel ${channel} has ${column.length} steps, channel 0 has ${length}`);
    }
  });
  return length;
}

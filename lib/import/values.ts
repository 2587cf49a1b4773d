/**
 * Reading one cell: numbers (strict: no hex, no "NaN"/"Inf"), 0/1 labels, timestamps and split
 * names. The number path is the hot loop of an import, so the common case costs one Number() call.
 */
import type { Split } from "../series/types";
import { FLOAT32_MAX } from "./limits";

export type CellProblem = "missing" | "non_numeric" | "non_finite" | "out_of_range";

const NON_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i;
const BLANK = /^\s*$/;

function isRadixPrefix(text: string): boolean {
  const second = text.charCodeAt(1) | 32;
  return text.charCodeAt(0) === 48 && (second === 120 || second === 98 || second === 111); // 0x 0b 0o
}

/** What is wrong with a cell that did not read as a number. */
export function classifyCell(text: string): CellProblem {
  if (BLANK.test(text)) return "missing";
  if (NON_FINITE.test(text)) return "non_finite";
  const value = Number(text);
  if (value === Infinity || value === -Infinity) return "out_of_range";
  if (Number.isFinite(value) && !isRadixPrefix(text.trim()) && Math.abs(value) > FLOAT32_MAX) return "out_of_range";
  return "non_numeric";
}

/**
 * The cell as a finite float32-representable number, or NaN when it is anything else (then ask
 * classifyCell why). Blank cells are NaN, not 0 as Number("") would say.
 */
export function readNumber(text: string): number {
  const value = Number(text);
  if (value !== value || value === Infinity || value === -Infinity) return Number.NaN;
  if (value === 0) return BLANK.test(text) ? Number.NaN : 0;
  if (text.length > 2 && isRadixPrefix(text)) return Number.NaN;
  if (value > FLOAT32_MAX || value < -FLOAT32_MAX) return Number.NaN;
  return value;
}

/** 0 or 1, or -1 for anything else (a blank cell included). */
export function readLabel(text: string): number {
  if (text === "0") return 0;
  if (text === "1") return 1;
  if (BLANK.test(text)) return -1;
  const value = Number(text);
  return value === 0 || value === 1 ? value : -1;
}

export type TimestampKind = "seconds" | "date";

/** Seconds: a plain number of seconds, or an ISO date / date-time (seconds since the epoch). */
export function readTimestamp(text: string, kind: TimestampKind): number {
  if (kind === "seconds") return readNumber(text);
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms / 1000 : Number.NaN;
}

/** How a file writes its timestamps, judged from the first data row; null when neither works. */
export function timestampKindOf(text: string): TimestampKind | null {
  if (Number.isFinite(readNumber(text))) return "seconds";
  return Number.isFinite(Date.parse(text)) ? "date" : null;
}

const SPLIT_NAMES: Record<string, Split> = {
  train: "train",
  training: "train",
  validation: "validation",
  valid: "validation",
  val: "validation",
  test: "test",
  testing: "test",
};

export function readSplit(text: string): Split | null {
  return SPLIT_NAMES[text.trim().toLowerCase()] ?? null;
}

/**
 * One data row into its sequence: timestamp, split, unit, channels and label, each checked, with an error
 * that names the file, line and column of the first bad cell.
 */
import type { ImportMapping } from "../validations/dataset-import";
import { ImportError, quoteCell, type ImportErrorCode } from "./errors";
import type { ColumnIndex } from "./header";
import type { SequenceBuilder } from "./sequence-builder";
import type { FileState } from "./session";
import { classifyCell, readLabel, readNumber, readSplit, readTimestamp, timestampKindOf } from "./values";

const PROBLEMS: Record<Exclude<ReturnType<typeof classifyCell>, "missing">, [ImportErrorCode, (cell: string) => string]> = {
  non_numeric: ["non_numeric", (cell) => `${quoteCell(cell)} is not a number`],
  non_finite: ["non_finite", (cell) => `${quoteCell(cell)} is not a finite number (NaN and infinity are not allowed)`],
  out_of_range: ["out_of_range", (cell) => `${quoteCell(cell)} is too large to store as a 32-bit float`],
};

function readTime(seq: SequenceBuilder, f: FileState, c: ColumnIndex, fields: string[], line: number): void {
  const cell = fields[c.timestamp] ?? "";
  const column = c.names[c.timestamp];
  f.timestampKind ??= timestampKindOf(cell);
  const seconds = f.timestampKind === null ? Number.NaN : readTimestamp(cell, f.timestampKind);
  if (!Number.isFinite(seconds)) {
    const expected = f.timestampKind === "date" ? "a date (ISO 8601)" : "seconds or an ISO 8601 date";
    throw new ImportError("bad_timestamp", `${quoteCell(cell)} is not a timestamp; expected ${expected}`, { file: f.name, line, column });
  }
  if (!seq.time(seconds)) {
    throw new ImportError(
      "bad_timestamp",
      `the timestamp ${quoteCell(cell)} does not come after the previous one of sequence ${quoteCell(seq.name)}; rows must be in time order`,
      { file: f.name, line, column },
    );
  }
}

function readSplitCell(seq: SequenceBuilder, f: FileState, c: ColumnIndex, fields: string[], line: number): void {
  const cell = fields[c.split] ?? "";
  const column = c.names[c.split];
  const split = readSplit(cell);
  if (split === null) {
    throw new ImportError("bad_split", `${quoteCell(cell)} is not a split; use train, validation or test`, { file: f.name, line, column });
  }
  if (seq.split === null) seq.split = split;
  else if (seq.split !== split) {
    throw new ImportError(
      "bad_split",
      `the split changes from ${seq.split} to ${split} within sequence ${quoteCell(seq.name)}; a sequence belongs to one split`,
      { file: f.name, line, column },
    );
  }
}

function readUnitCell(seq: SequenceBuilder, f: FileState, c: ColumnIndex, fields: string[], line: number): void {
  const unit = (fields[c.unit] ?? "").trim();
  const column = c.names[c.unit];
  if (unit === "")
    throw new ImportError("bad_unit", "the unit is empty; every row names the unit (group) of its sequence", {
      file: f.name,
      line,
      column,
    });
  if (seq.unit === null) seq.unit = unit;
  else if (seq.unit !== unit) {
    throw new ImportError(
      "bad_unit",
      `the unit changes from ${quoteCell(seq.unit)} to ${quoteCell(unit)} within sequence ${quoteCell(seq.name)}; a sequence belongs to one unit`,
      { file: f.name, line, column },
    );
  }
}

export function readRow(seq: SequenceBuilder, f: FileState, c: ColumnIndex, fields: string[], line: number, mapping: ImportMapping): void {
  if (c.timestamp >= 0) readTime(seq, f, c, fields, line);
  if (c.split >= 0) readSplitCell(seq, f, c, fields, line);
  if (c.unit >= 0) readUnitCell(seq, f, c, fields, line);
  const ffill = mapping.missing === "ffill";
  const channels = c.channels;
  for (let k = 0; k < channels.length; k++) {
    const cell = fields[channels[k] ?? 0] ?? "";
    const value = readNumber(cell);
    if (value === value) {
      seq.value(k, value);
      continue;
    }
    const problem = classifyCell(cell);
    if (problem === "missing" && ffill) {
      seq.missing(k);
      continue;
    }
    const column = mapping.channels[k];
    if (problem === "missing") {
      throw new ImportError("missing_value", "the cell is empty; fill it in, or choose forward fill for missing values", {
        file: f.name,
        line,
        column,
      });
    }
    const [code, describe] = PROBLEMS[problem];
    throw new ImportError(code, describe(cell), { file: f.name, line, column });
  }
  if (c.label >= 0) {
    const cell = fields[c.label] ?? "";
    const label = readLabel(cell);
    if (label >= 0) seq.label(label);
    else if (ffill && cell.trim() === "") seq.missingLabel();
    else {
      const what = cell.trim() === "" ? "the label is empty" : `${quoteCell(cell)} is not a label`;
      throw new ImportError("bad_label", `${what}; the ground-truth column holds 0 (normal) or 1 (anomalous) per row`, {
        file: f.name,
        line,
        column: mapping.labelColumn ?? undefined,
      });
    }
  }
}

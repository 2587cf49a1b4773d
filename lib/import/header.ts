/**
 * The first record of a file: column names, checked (blank, duplicate, numbers instead of names,
 * too many), and the mapping's columns resolved to their positions in this file.
 */
import type { ImportMapping } from "../validations/dataset-import";
import { ImportError, quoteCell } from "./errors";
import { IMPORT_LIMITS } from "./limits";
import { readNumber } from "./values";

/** Trimmed column names of a header record; throws on blank, duplicate or numeric names. */
export function validateHeader(fields: string[], file: string): string[] {
  const names = fields.map((f) => f.trim());
  if (names.length > IMPORT_LIMITS.maxColumns) {
    throw new ImportError(
      "too_many_columns",
      `the header has ${names.length.toLocaleString("en-US")} columns; at most ${IMPORT_LIMITS.maxColumns} are allowed`,
      { file, line: 1 },
    );
  }
  if (names.every((n) => n === "")) {
    throw new ImportError("missing_header", "the first line is blank; it must name the columns", { file, line: 1 });
  }
  const numeric = names.filter((n) => n !== "" && Number.isFinite(readNumber(n)));
  if (numeric.length === names.length) {
    throw new ImportError(
      "missing_header",
      `the first line holds numbers (${numeric.slice(0, 3).map(quoteCell).join(", ")}…), not column names; add a header line`,
      { file, line: 1 },
    );
  }
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") {
      throw new ImportError("missing_header", `column ${i + 1} of the header has no name`, { file, line: 1 });
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ImportError(
        "duplicate_header",
        `columns ${first + 1} and ${i + 1} are both named ${quoteCell(name)}; column names must be unique`,
        { file, line: 1, column: name },
      );
    }
    seen.set(name, i);
  });
  return names;
}

/** Positions of the mapping's columns in one file (-1: not used). */
export type ColumnIndex = {
  fieldCount: number;
  names: string[];
  timestamp: number;
  sequence: number;
  label: number;
  unit: number;
  split: number;
  channels: number[];
};

export function resolveColumns(names: string[], mapping: ImportMapping, file: string): ColumnIndex {
  const find = (column: string | null): number => {
    if (column === null) return -1;
    const i = names.indexOf(column);
    if (i < 0) {
      const list = names.slice(0, 12).map(quoteCell).join(", ");
      throw new ImportError(
        "missing_column",
        `there is no column ${quoteCell(column)} (the columns are ${list}${names.length > 12 ? ", …" : ""})`,
        { file, line: 1 },
      );
    }
    return i;
  };
  return {
    fieldCount: names.length,
    names,
    timestamp: find(mapping.timestampColumn),
    sequence: find(mapping.sequenceColumn),
    label: find(mapping.labelColumn),
    unit: find(mapping.unitColumn),
    split: find(mapping.split.kind === "column" ? mapping.split.column : null),
    channels: mapping.channels.map(find),
  };
}

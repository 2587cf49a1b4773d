/**
 * The first rows of a file, read in the browser from its first bytes, for the mapping step: the
 * header (checked with the same rules as the import), a few rows, and a first guess of the mapping.
 * Only a preview: the server's import (a full CSV parser) decides.
 */
import { checkFileStart, countNewlines, firstInvalidUtf8 } from "./encoding";
import { ImportError } from "./errors";
import { validateHeader } from "./header";
import { readNumber } from "./values";

export type CsvPreview = { file: string; header: string[]; rows: string[][]; guess: MappingGuess };

export type MappingGuess = {
  timestampColumn: string | null;
  sequenceColumn: string | null;
  labelColumn: string | null;
  /** A unit (group) column, never the column guessed as the sequence column. */
  unitColumn: string | null;
  splitColumn: string | null;
  /**
   * Columns with a number in at least one preview cell, apart from the ones above: a column with a bad
   * cell among numbers stays a channel (the mapping step reports the cell rather than drop the column).
   */
  channels: string[];
};

/** Splits CSV text into records (quotes, doubled quotes, CRLF); stops after `max` records. */
export function splitCsvRecords(text: string, max: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0] !== "") records.push(record);
    record = [];
    field = "";
  };
  for (let i = 0; i < text.length && records.length < max; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += ch;
    }
  }
  if (records.length < max && (field !== "" || record.length > 0)) endRecord();
  return records;
}

/** Column names that suggest a role, most telling first. */
const NAMES: [keyof Omit<MappingGuess, "channels">, string[]][] = [
  ["timestampColumn", ["timestamp", "time", "datetime", "date", "time_s", "seconds", "t"]],
  [
    "sequenceColumn",
    ["sequence", "sequence_id", "sequenceid", "seq", "seq_id", "series", "series_id", "drive", "drive_id", "unit", "unit_id"],
  ],
  ["labelColumn", ["label", "labels", "anomaly", "is_anomaly", "anomalous", "ground_truth", "gt"]],
  ["splitColumn", ["split", "subset", "fold"]],
  [
    "unitColumn",
    [
      "unit",
      "unit_id",
      "vehicle",
      "vehicle_id",
      "patient",
      "patient_id",
      "subject",
      "subject_id",
      "machine",
      "machine_id",
      "group",
      "group_id",
    ],
  ],
];

export function guessMapping(header: string[], rows: string[][]): MappingGuess {
  const guess: MappingGuess = {
    timestampColumn: null,
    sequenceColumn: null,
    labelColumn: null,
    unitColumn: null,
    splitColumn: null,
    channels: [],
  };
  const lower = header.map((h) => h.toLowerCase());
  const taken = new Set<string>();
  for (const [key, names] of NAMES) {
    const at = names.map((n) => lower.indexOf(n)).find((i) => i >= 0 && !taken.has(header[i] ?? ""));
    const column = at === undefined ? null : (header[at] ?? null);
    guess[key] = column;
    if (column !== null) taken.add(column);
  }
  guess.channels = header.filter((h, i) => !taken.has(h) && rows.some((r) => Number.isFinite(readNumber(r[i] ?? ""))));
  return guess;
}

/**
 * Reads a preview from the first bytes of a file. `complete` says whether `bytes` is the whole file
 * (otherwise a last, possibly cut line is dropped). Throws an ImportError for an empty file, a wrong
 * encoding or a bad header.
 */
export function previewCsv(bytes: Uint8Array, file: string, complete: boolean, maxRows = 8): CsvPreview {
  checkFileStart(bytes, file);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = countNewlines(bytes.subarray(0, Math.max(0, at))) + 1;
    throw new ImportError("encoding", "the file is not valid UTF-8 (a wrong encoding, e.g. Latin-1 or UTF-16); save it as UTF-8 CSV", {
      file,
      line,
    });
  }
  if (!complete) text = text.slice(0, Math.max(0, text.lastIndexOf("\n") + 1));
  const records = splitCsvRecords(text, maxRows + 1);
  const [first, ...rows] = records;
  if (!first || text.trim() === "") {
    throw new ImportError("empty_file", "the file is empty; it needs a header line and at least one row", { file });
  }
  const header = validateHeader(first, file);
  return { file, header, rows, guess: guessMapping(header, rows) };
}

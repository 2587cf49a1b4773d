/**
 * An import in progress: it takes the records of one file after another (as a CSV parser yields
 * them, with their line numbers), checks every cell the mapping uses, and builds float32 columns per
 * sequence. Pure: a Node stream adapter (lib/server/import-csv.ts) or a test feeds it.
 */
import type { ImportMapping } from "../validations/dataset-import";
import { sequenceNameOf } from "../validations/dataset-import";
import { ImportError, quoteCell } from "./errors";
import { resolveColumns, validateHeader, type ColumnIndex } from "./header";
import { IMPORT_LIMITS } from "./limits";
import { finishImport, type ParsedImport } from "./finish";
import { readRow } from "./row";
import { SequenceBuilder } from "./sequence-builder";
import type { TimestampKind } from "./values";

export type ImportSession = {
  beginFile(name: string): void;
  /** One record: the header first, then data rows. `line` is the 1-based line where it ends. */
  record(fields: string[], line: number): void;
  endFile(): void;
  finish(): ParsedImport;
  /** Data rows read so far, over all files. */
  readonly rows: number;
};

export type FileState = {
  name: string;
  columns: ColumnIndex | null;
  timestampKind: TimestampKind | null;
  rows: number;
};

export function createImportSession(mapping: ImportMapping): ImportSession {
  const sequences = new Map<string, SequenceBuilder>();
  let file: FileState | null = null;
  let currentId: string | null = null;
  let current: SequenceBuilder | null = null;
  let rows = 0;

  const open = (): FileState => {
    if (!file) throw new Error("record() before beginFile()");
    return file;
  };

  function sequenceFor(f: FileState, columns: ColumnIndex, fields: string[], line: number): SequenceBuilder {
    const id = columns.sequence < 0 ? sequenceNameOf(f.name) : (fields[columns.sequence] ?? "").trim();
    if (current && id === currentId) return current;
    if (id === "") {
      throw new ImportError("bad_sequence_id", "the sequence id is empty", {
        file: f.name,
        line,
        column: mapping.sequenceColumn ?? undefined,
      });
    }
    if (id.length > IMPORT_LIMITS.maxSequenceIdChars) {
      throw new ImportError(
        "bad_sequence_id",
        `the sequence id ${quoteCell(id)} is ${id.length.toLocaleString("en-US")} characters long; at most ${IMPORT_LIMITS.maxSequenceIdChars} are allowed`,
        { file: f.name, line, column: mapping.sequenceColumn ?? undefined },
      );
    }
    let builder = sequences.get(id);
    if (builder && builder.file !== f.name) {
      throw new ImportError(
        "bad_sequence_id",
        `sequence ${quoteCell(id)} also appears in ${builder.file}; a sequence must come from one file`,
        { file: f.name, line, column: mapping.sequenceColumn ?? undefined },
      );
    }
    if (!builder) {
      if (sequences.size >= IMPORT_LIMITS.maxSequences) {
        throw new ImportError("too_many_sequences", `more than ${IMPORT_LIMITS.maxSequences.toLocaleString("en-US")} sequences`, {
          file: f.name,
          line,
        });
      }
      builder = new SequenceBuilder(id, f.name, mapping.channels.length, mapping.labelColumn !== null);
      sequences.set(id, builder);
    }
    currentId = id;
    current = builder;
    return builder;
  }

  return {
    get rows() {
      return rows;
    },
    beginFile(name) {
      file = { name, columns: null, timestampKind: null, rows: 0 };
      currentId = null;
      current = null;
    },
    record(fields, line) {
      const f = open();
      if (!f.columns) {
        f.columns = resolveColumns(validateHeader(fields, f.name), mapping, f.name);
        return;
      }
      if (fields.length !== f.columns.fieldCount) {
        const what = fields.length < f.columns.fieldCount ? "fewer" : "more";
        throw new ImportError(
          "ragged_row",
          `the row has ${fields.length} fields, ${what} than the ${f.columns.fieldCount} columns of the header (a ragged row)`,
          { file: f.name, line },
        );
      }
      readRow(sequenceFor(f, f.columns, fields, line), f, f.columns, fields, line, mapping);
      f.rows++;
      rows++;
    },
    endFile() {
      const f = open();
      if (!f.columns)
        throw new ImportError("empty_file", "the file is empty; it needs a header line and at least one row", { file: f.name });
      if (f.rows === 0) throw new ImportError("no_rows", "the file has a header but no rows", { file: f.name, line: 2 });
      file = null;
    },
    finish() {
      return finishImport([...sequences.values()], mapping);
    },
  };
}

/**
 * Errors of a CSV import: a class with a `name`, a typed `code` and where it happened (file, line,
 * column), so that the upload form can say precisely what to fix.
 */
export type ImportErrorCode =
  /** The file has no bytes (or nothing but a byte-order mark and blank lines). */
  | "empty_file"
  /** A header but no data rows. */
  | "no_rows"
  /** A header cell without a name, or a first line that holds numbers instead of names. */
  | "missing_header"
  /** Two header cells with the same name. */
  | "duplicate_header"
  /** Not UTF-8: UTF-16/32, NUL bytes, or byte sequences that are not valid UTF-8. */
  | "encoding"
  /** Quotes that do not pair up. */
  | "malformed_csv"
  | "line_too_long"
  | "too_many_columns"
  /** A file or an upload over the size limits (HTTP 413). */
  | "too_large"
  /** A row with more or fewer fields than the header. */
  | "ragged_row"
  /** A column chosen in the mapping that a file does not have. */
  | "missing_column"
  /** An empty cell while missing values are rejected, or a channel without any value. */
  | "missing_value"
  | "non_numeric"
  /** NaN or ±Infinity written in the file. */
  | "non_finite"
  /** A number beyond the float32 range. */
  | "out_of_range"
  /** A ground-truth label other than 0 or 1. */
  | "bad_label"
  /** A timestamp that cannot be read, or that does not increase. */
  | "bad_timestamp"
  /** A split value other than train / validation / test, or one that changes within a sequence. */
  | "bad_split"
  /** An empty unit, or a unit that changes within a sequence. */
  | "bad_unit"
  /** An empty sequence id, or one id in two files. */
  | "bad_sequence_id"
  /** Sequences sampled at different rates. */
  | "mixed_rates"
  /** A target rate the source rate cannot be averaged down to. */
  | "bad_rate"
  /** No sequence in the training split. */
  | "no_train"
  | "too_many_sequences";

export type ImportErrorWhere = { file?: string; line?: number; column?: string };

export type ImportErrorDetails = ImportErrorWhere & { code: ImportErrorCode; problem: string };

function describeWhere({ file, line, column }: ImportErrorWhere): string {
  const parts = [
    file === undefined ? null : file,
    line === undefined ? null : `line ${line.toLocaleString("en-US")}`,
    column === undefined ? null : `column "${column}"`,
  ].filter((p): p is string => p !== null);
  return parts.join(", ");
}

export class ImportError extends Error {
  override readonly name = "ImportError" as const;
  readonly code: ImportErrorCode;
  readonly where: ImportErrorWhere;
  /** What is wrong, without the location (the message has both). */
  readonly problem: string;

  constructor(code: ImportErrorCode, problem: string, where: ImportErrorWhere = {}) {
    const at = describeWhere(where);
    super(at ? `${at}: ${problem}` : problem);
    this.code = code;
    this.problem = problem;
    this.where = where;
  }

  get details(): ImportErrorDetails {
    return { code: this.code, problem: this.problem, ...this.where };
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

/** A cell's text as it may be quoted in a message: shortened, control characters made visible. */
export function quoteCell(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return JSON.stringify(short);
}

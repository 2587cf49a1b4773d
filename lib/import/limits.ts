/**
 * Limits of a CSV import, shared by the upload form (to refuse early) and the server (to enforce).
 */
export const IMPORT_LIMITS = {
  /** Bytes per file. */
  maxFileBytes: 1024 * 1024 * 1024,
  /** Bytes of all files of one upload together. */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** Files per upload (one sequence per file, or any number of sequences in one file). */
  maxFiles: 2000,
  /** Columns in a header. */
  maxColumns: 1024,
  /** Characters per CSV record (a line, unless a quoted field spans lines), delimiters not counted. */
  maxLineChars: 65_536,
  /** Characters of a sequence id (a longer one cannot be indexed by PostgreSQL, and is no name). */
  maxSequenceIdChars: 200,
  /** Sequences per dataset. */
  maxSequences: 20_000,
  /** Bytes read from the start of a file for the preview in the browser. */
  previewBytes: 64 * 1024,
} as const;

/** The largest finite float32; values beyond it cannot be stored. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The corpus of malformed uploads (e2e/corpus.spec.ts): each case is a mapping and files sent through
 * the upload API the upload page uses (POST /api/datasets/uploads, PUT …/files/N, POST …/import), the
 * step that must refuse it, its status and the words of its message.
 */

export type UploadMapping = Record<string, unknown>;

export type UploadCase = {
  name: string;
  files: { name: string; body: string | Buffer; announced?: number }[];
  mapping?: UploadMapping;
  /** The step that refuses it (default: the import). */
  step?: "create" | "put" | "import";
  /** The file index as written in the PUT's path (default: the file's index). */
  putIndex?: string;
  /** Do not send the files (the import is asked for without them). */
  skipPut?: boolean;
  status: number;
  message: string;
  /** lib/import/errors.ts ImportErrorCode, for import errors. */
  code?: string;
};

const HEADER = "timestamp,a,b,label";
/** `n` valid rows at 2 Hz (lines 2 … n+1). */
const rows = (n: number) => Array.from({ length: n }, (_, k) => `${k / 2},${(k % 7) + 0.5},${k * 2},0`).join("\n") + "\n";
/** A valid file of 10 rows: a row appended to it is line 12. */
const valid = (n = 10) => `${HEADER}\n${rows(n)}`;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
const one = (body: string | Buffer, name = "x.csv") => [{ name, body }];

/** Rows of sequences s1, s2 in one file with a sequence column (and more columns before `a`). */
const seqFile = (extra: string, cells: (seq: string, k: number) => string, seqs = ["s1", "s2"], n = 6) =>
  [
    `seq,${extra}timestamp,a,b,label`,
    ...seqs.flatMap((s) => Array.from({ length: n }, (_, k) => `${s},${cells(s, k)}${k / 2},1,2,0`)),
  ].join("\n") + "\n";

const SEQ = { sequenceColumn: "seq" };

export const UPLOAD_CASES: UploadCase[] = [
  // Rows and cells
  {
    name: "ragged row, fewer fields",
    files: one(`${valid()}5.5,1,0\n`),
    status: 422,
    code: "ragged_row",
    message: "x.csv, line 12: the row has 3 fields, fewer than the 4 columns of the header (a ragged row)",
  },
  {
    name: "ragged row, more fields",
    files: one(`${valid()}5.5,1,2,0,9\n`),
    status: 422,
    code: "ragged_row",
    message: "x.csv, line 12: the row has 5 fields, more than the 4 columns",
  },
  {
    name: "non-numeric value",
    files: one(`${valid()}5.5,abc,2,0\n`),
    status: 422,
    code: "non_numeric",
    message: 'x.csv, line 12, column "a": "abc" is not a number',
  },
  {
    name: "number with a space inside",
    files: one(`${valid()}5.5,1 2,2,0\n`),
    status: 422,
    code: "non_numeric",
    message: '"1 2" is not a number',
  },
  {
    name: "hexadecimal number",
    files: one(`${valid()}5.5,0x1A,2,0\n`),
    status: 422,
    code: "non_numeric",
    message: '"0x1A" is not a number',
  },
  {
    name: "quoted number with a thousands separator",
    files: one(`${valid()}5.5,"1,000",2,0\n`),
    status: 422,
    code: "non_numeric",
    message: '"1,000" is not a number',
  },
  {
    name: "NaN",
    files: one(`${valid()}5.5,NaN,2,0\n`),
    status: 422,
    code: "non_finite",
    message: 'x.csv, line 12, column "a": "NaN" is not a finite number (NaN and infinity are not allowed)',
  },
  {
    name: "lower-case nan",
    files: one(`${valid()}5.5,1,nan,0\n`),
    status: 422,
    code: "non_finite",
    message: 'column "b": "nan" is not a finite number',
  },
  {
    name: "Infinity",
    files: one(`${valid()}5.5,Infinity,2,0\n`),
    status: 422,
    code: "non_finite",
    message: '"Infinity" is not a finite number',
  },
  {
    name: "-Infinity",
    files: one(`${valid()}5.5,1,-Infinity,0\n`),
    status: 422,
    code: "non_finite",
    message: 'column "b": "-Infinity" is not a finite number',
  },
  { name: "inf", files: one(`${valid()}5.5,inf,2,0\n`), status: 422, code: "non_finite", message: '"inf" is not a finite number' },
  {
    name: "number beyond float32",
    files: one(`${valid()}5.5,1e39,2,0\n`),
    status: 422,
    code: "out_of_range",
    message: '"1e39" is too large to store as a 32-bit float',
  },
  {
    name: "number beyond float64",
    files: one(`${valid()}5.5,1e999,2,0\n`),
    status: 422,
    code: "out_of_range",
    message: '"1e999" is too large to store as a 32-bit float',
  },
  {
    name: "empty cell while missing values are refused",
    files: one(`${valid()}5.5,,2,0\n`),
    status: 422,
    code: "missing_value",
    message: 'x.csv, line 12, column "a": the cell is empty; fill it in, or choose forward fill for missing values',
  },
  {
    name: "blank cell of spaces",
    files: one(`${valid()}5.5,   ,2,0\n`),
    status: 422,
    code: "missing_value",
    message: 'column "a": the cell is empty',
  },
  {
    name: "forward fill with a channel that has no value at all",
    files: one(`${HEADER}\n0,1,,0\n0.5,2,,0\n`),
    mapping: { missing: "ffill" },
    status: 422,
    code: "missing_value",
    message: 'sequence "x" has no value at all in this channel',
  },
  {
    name: "huge line",
    files: one(`${valid()}5.5,${"1".repeat(70_000)},2,0\n`),
    status: 422,
    code: "line_too_long",
    message: "the line is longer than 65,536 characters",
  },
  // Labels
  {
    name: "label 2",
    files: one(`${valid()}5.5,1,2,2\n`),
    status: 422,
    code: "bad_label",
    message: 'x.csv, line 12, column "label": "2" is not a label; the ground-truth column holds 0 (normal) or 1 (anomalous) per row',
  },
  { name: "label -1", files: one(`${valid()}5.5,1,2,-1\n`), status: 422, code: "bad_label", message: '"-1" is not a label' },
  { name: "label 0.5", files: one(`${valid()}5.5,1,2,0.5\n`), status: 422, code: "bad_label", message: '"0.5" is not a label' },
  { name: "label yes", files: one(`${valid()}5.5,1,2,yes\n`), status: 422, code: "bad_label", message: '"yes" is not a label' },
  {
    name: "empty label",
    files: one(`${valid()}5.5,1,2,\n`),
    status: 422,
    code: "bad_label",
    message: 'line 12, column "label": the label is empty',
  },
  {
    name: "forward fill with no label at all",
    files: one(`${HEADER}\n0,1,2,\n0.5,2,3,\n`),
    mapping: { missing: "ffill" },
    status: 422,
    code: "bad_label",
    message: 'sequence "x" has no label at all',
  },
  // Headers
  {
    name: "duplicate header",
    files: one("timestamp,a,a,label\n0,1,2,0\n"),
    mapping: { channels: ["a"] },
    status: 422,
    code: "duplicate_header",
    message: 'x.csv, line 1, column "a": columns 2 and 3 are both named "a"; column names must be unique',
  },
  {
    name: "missing header line",
    files: one("0,1,2,0\n0.5,1,2,0\n"),
    status: 422,
    code: "missing_header",
    message: "x.csv, line 1: the first line holds numbers",
  },
  {
    name: "unnamed column",
    files: one("timestamp,,b,label\n0,1,2,0\n"),
    mapping: { channels: ["b"] },
    status: 422,
    code: "missing_header",
    message: "x.csv, line 1: column 2 of the header has no name",
  },
  {
    name: "blank header of commas",
    files: one(",,,\n0,1,2,0\n"),
    status: 422,
    code: "missing_header",
    message: "x.csv, line 1: the first line is blank; it must name the columns",
  },
  {
    name: "too many columns",
    files: one(`${HEADER},${Array.from({ length: 1021 }, (_, i) => `c${i}`).join(",")}\n`),
    status: 422,
    code: "too_many_columns",
    message: "the header has 1,025 columns; at most 1024 are allowed",
  },
  {
    name: "header only",
    files: one(`${HEADER}\n`),
    status: 422,
    code: "no_rows",
    message: "x.csv, line 2: the file has a header but no rows",
  },
  // Empty files and encodings
  {
    name: "empty file",
    files: one(""),
    status: 422,
    code: "empty_file",
    message: "x.csv: the file is empty; it needs a header line and at least one row",
  },
  { name: "byte-order mark only", files: one("\ufeff"), status: 422, code: "empty_file", message: "x.csv: the file is empty" },
  { name: "blank lines only", files: one("\n\n\n"), status: 422, code: "empty_file", message: "x.csv: the file is empty" },
  {
    name: "UTF-16 LE with a byte-order mark",
    files: one(Buffer.from(`\ufeff${valid()}`, "utf16le")),
    status: 422,
    code: "encoding",
    message: "x.csv, line 1: the file is UTF-16 encoded; save it as UTF-8 CSV",
  },
  {
    name: "UTF-16 BE with a byte-order mark",
    files: one(bytes([0xfe, 0xff, 0x00, 0x61])),
    status: 422,
    code: "encoding",
    message: "the file is UTF-16 encoded",
  },
  {
    name: "UTF-32 LE",
    files: one(bytes([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0])),
    status: 422,
    code: "encoding",
    message: "the file is UTF-32 encoded",
  },
  {
    name: "UTF-16 without a byte-order mark",
    files: one(Buffer.from(valid(), "utf16le")),
    status: 422,
    code: "encoding",
    message: "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark",
  },
  {
    name: "NUL byte far into the file",
    files: one(`${valid(3000)}5.5,1\u00002,2,0\n`),
    status: 422,
    code: "encoding",
    message: "x.csv, line 3,002: the file holds a NUL byte, which is not text",
  },
  {
    name: "invalid UTF-8 (Latin-1)",
    files: one(bytes(valid(), Buffer.from("5.5,größe,2,0\n", "latin1").toJSON().data)),
    status: 422,
    code: "encoding",
    message: "x.csv, line 12: the file is not valid UTF-8",
  },
  {
    name: "file ending inside a character",
    files: one(bytes(valid(), "5.5,1,2,0\n5,", [0xe2, 0x82])),
    status: 422,
    code: "encoding",
    message: "the file is not valid UTF-8",
  },
  {
    name: "binary file (PNG)",
    files: one(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    status: 422,
    code: "encoding",
    message: "the file holds NUL bytes",
  },
  // Quotes
  {
    name: "text after a closing quote",
    files: one(`${valid()}5.5,"1"x,2,0\n`),
    status: 422,
    code: "malformed_csv",
    message: "x.csv, line 12: the CSV is malformed",
  },
  {
    name: "quote never closed",
    files: one(`${valid()}5.5,"1,2,0\n`),
    status: 422,
    code: "malformed_csv",
    message: "the CSV is malformed: a quote is not closed",
  },
  // Sequence ids
  {
    name: "empty sequence id",
    files: one(seqFile("", () => "", ["s1", ""])),
    mapping: SEQ,
    status: 422,
    code: "bad_sequence_id",
    message: 'x.csv, line 8, column "seq": the sequence id is empty',
  },
  {
    name: "huge sequence id",
    files: one(seqFile("", () => "", ["s1", "x".repeat(5000)])),
    mapping: SEQ,
    status: 422,
    code: "bad_sequence_id",
    message: 'line 8, column "seq": the sequence id "xxx',
  },
  {
    name: "one sequence id in two files",
    files: [
      { name: "one.csv", body: seqFile("", () => "", ["s1"]) },
      { name: "two.csv", body: seqFile("", () => "", ["s1"]) },
    ],
    mapping: SEQ,
    status: 422,
    code: "bad_sequence_id",
    message: 'two.csv, line 2, column "seq": sequence "s1" also appears in one.csv',
  },
  // Mapping against the file
  {
    name: "channel that the file lacks",
    files: one(valid()),
    mapping: { channels: ["a", "zzz"] },
    status: 422,
    code: "missing_column",
    message: 'x.csv, line 1: there is no column "zzz" (the columns are "timestamp", "a", "b", "label")',
  },
  {
    name: "timestamp column that the file lacks",
    files: one(valid()),
    mapping: { timestampColumn: "time" },
    status: 422,
    code: "missing_column",
    message: 'there is no column "time"',
  },
  {
    name: "label column that the file lacks",
    files: one(valid()),
    mapping: { labelColumn: "truth" },
    status: 422,
    code: "missing_column",
    message: 'there is no column "truth"',
  },
  {
    name: "sequence column that the file lacks",
    files: one(valid()),
    mapping: SEQ,
    status: 422,
    code: "missing_column",
    message: 'there is no column "seq"',
  },
  // Timestamps and rates
  {
    name: "timestamp going back",
    files: one(`${valid()}4,1,2,0\n`),
    status: 422,
    code: "bad_timestamp",
    message:
      'x.csv, line 12, column "timestamp": the timestamp "4" does not come after the previous one of sequence "x"; rows must be in time order',
  },
  {
    name: "timestamp repeated",
    files: one(`${valid()}4.5,1,2,0\n`),
    status: 422,
    code: "bad_timestamp",
    message: 'the timestamp "4.5" does not come after the previous one',
  },
  {
    name: "timestamp that is no time",
    files: one(`${HEADER}\nyesterday,1,2,0\n`),
    status: 422,
    code: "bad_timestamp",
    message: 'x.csv, line 2, column "timestamp": "yesterday" is not a timestamp; expected seconds or an ISO 8601 date',
  },
  {
    name: "date among second timestamps",
    files: one(`${valid()}2024-01-01,1,2,0\n`),
    status: 422,
    code: "bad_timestamp",
    message: '"2024-01-01" is not a timestamp',
  },
  {
    name: "one timestamp only",
    files: one(`${HEADER}\n0,1,2,0\n`),
    status: 422,
    code: "bad_timestamp",
    message: "no sequence has two timestamps, so the sampling rate cannot be worked out",
  },
  {
    name: "sequences at two rates",
    files: one(seqFile("", () => "", ["s1"]).concat(Array.from({ length: 6 }, (_, k) => `s2,${k},1,2,0`).join("\n"), "\n")),
    mapping: SEQ,
    status: 422,
    code: "mixed_rates",
    message: 'sequence "s2" is sampled at 1 Hz but "s1" at 2 Hz; a dataset has one sampling rate',
  },
  {
    name: "target rate that does not divide the source rate",
    files: one(valid()),
    mapping: { targetRate: 0.3 },
    status: 422,
    code: "bad_rate",
    message: "cannot average 2 Hz down to 0.3 Hz",
  },
  // Split and unit columns
  {
    name: "split that is not one",
    files: one(seqFile("split,", () => "holdout,")),
    mapping: { ...SEQ, split: { kind: "column", column: "split" } },
    status: 422,
    code: "bad_split",
    message: 'x.csv, line 2, column "split": "holdout" is not a split; use train, validation or test',
  },
  {
    name: "split changing within a sequence",
    files: one(seqFile("split,", (_s, k) => (k < 3 ? "train," : "test,"))),
    mapping: { ...SEQ, split: { kind: "column", column: "split" } },
    status: 422,
    code: "bad_split",
    message: 'line 5, column "split": the split changes from train to test within sequence "s1"',
  },
  {
    name: "no sequence in the training split",
    files: one(seqFile("split,", () => "test,")),
    mapping: { ...SEQ, split: { kind: "column", column: "split" } },
    status: 422,
    code: "no_train",
    message: "no sequence is in the training split; a detector needs training data",
  },
  {
    name: "empty unit",
    files: one(seqFile("unit,", () => ",")),
    mapping: { ...SEQ, unitColumn: "unit" },
    status: 422,
    code: "bad_unit",
    message: 'line 2, column "unit": the unit is empty',
  },
  {
    name: "unit changing within a sequence",
    files: one(seqFile("unit,", (_s, k) => (k < 2 ? "V1," : "V2,"))),
    mapping: { ...SEQ, unitColumn: "unit" },
    status: 422,
    code: "bad_unit",
    message: 'the unit changes from "V1" to "V2" within sequence "s1"',
  },
  // A bad file among good ones
  {
    name: "bad second file",
    files: [
      { name: "good.csv", body: valid() },
      { name: "bad.csv", body: `${valid()}5.5,1,2,7\n` },
    ],
    status: 422,
    code: "bad_label",
    message: 'bad.csv, line 12, column "label": "7" is not a label',
  },
  // The transfer
  {
    name: "file shorter than announced",
    files: [{ name: "x.csv", body: valid(), announced: valid().length + 100 }],
    step: "put",
    status: 400,
    message: `x.csv arrived with ${valid().length} of its ${valid().length + 100} bytes; send it again.`,
  },
  {
    name: "file longer than announced",
    files: [{ name: "x.csv", body: valid(), announced: 100 }],
    step: "put",
    status: 413,
    message: "x.csv is larger than the 100 bytes announced for it.",
  },
  { name: "file index that is no number", files: one(valid()), putIndex: "abc", step: "put", status: 422, message: "expected number" },
  {
    name: "file index past the list",
    files: one(valid()),
    putIndex: "3",
    step: "put",
    status: 404,
    message: "The upload has no file number 4.",
  },
  { name: "import before the file arrived", files: one(valid()), skipPut: true, status: 400, message: "x.csv has not been uploaded yet." },
  // The mapping and file list (refused when the upload starts)
  {
    name: "no sampling rate and no timestamp column",
    files: one(valid()),
    mapping: { timestampColumn: null, samplingRate: null },
    step: "create",
    status: 422,
    message: "mapping.samplingRate: Without a timestamp column, enter the sampling rate",
  },
  {
    name: "split ratios that do not add up to 1",
    files: one(valid()),
    mapping: { split: { kind: "ratios", train: 0.5, validation: 0.2, test: 0.2, seed: 1 } },
    step: "create",
    status: 422,
    message: "Split ratios must add up to 1 (they add up to 0.9)",
  },
  {
    name: "a train ratio of 0",
    files: one(valid()),
    mapping: { split: { kind: "ratios", train: 0, validation: 0.5, test: 0.5, seed: 1 } },
    step: "create",
    status: 422,
    message: "The train ratio must be above 0",
  },
  { name: "no channel", files: one(valid()), mapping: { channels: [] }, step: "create", status: 422, message: "Pick at least one channel" },
  {
    name: "a column mapped twice",
    files: one(valid()),
    mapping: { channels: ["a", "timestamp"] },
    step: "create",
    status: 422,
    message: 'Column "timestamp" is used twice',
  },
  {
    name: "a sampling rate of 0",
    files: one(valid()),
    mapping: { timestampColumn: null, samplingRate: 0 },
    step: "create",
    status: 422,
    message: "Enter a rate above 0 Hz",
  },
  {
    name: "an unknown missing-value policy",
    files: one(valid()),
    mapping: { missing: "drop" },
    step: "create",
    status: 422,
    message: "mapping.missing",
  },
  {
    name: "a name with a NUL character",
    files: one(valid()),
    mapping: { name: "Corpus \u0000 name" },
    step: "create",
    status: 422,
    message: "The text at mapping.name holds a NUL character.",
  },
  {
    name: "a name in use",
    files: one(valid()),
    mapping: { name: "PATH demo (EV powertrain)" },
    step: "create",
    status: 409,
    message: 'A dataset named "PATH demo (EV powertrain)" already exists.',
  },
  {
    name: "two files of one name",
    files: [
      { name: "x.csv", body: valid() },
      { name: "x.csv", body: valid() },
    ],
    step: "create",
    status: 422,
    message: 'Two files are named "x.csv"',
  },
  {
    name: "a file over 1 GiB",
    files: [{ name: "x.csv", body: "", announced: 2 ** 30 + 1 }],
    step: "create",
    status: 422,
    message: "A file may hold at most 1024 MiB",
  },
  {
    name: "a negative file size",
    files: [{ name: "x.csv", body: "", announced: -1 }],
    step: "create",
    status: 422,
    message: "files.0.size",
  },
  { name: "no files", files: [], step: "create", status: 422, message: "Add at least one CSV file" },
];

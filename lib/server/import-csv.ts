import "server-only";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, Parser, type Options } from "csv-parse";
import { createEncodingChecker, ImportError, IMPORT_LIMITS, type ImportSession } from "../import";

/**
 * Streams one CSV file through csv-parse into an import session: bytes are checked for UTF-8 as they
 * pass, records go to the session one by one (never the whole file in memory), and parser errors
 * become ImportErrors with the file and line.
 */
export async function parseCsvInto(
  session: ImportSession,
  file: string,
  source: AsyncIterable<Uint8Array>,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const checker = createEncodingChecker(file);
  let bytes = 0;
  async function* checked(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      if (bytes > IMPORT_LIMITS.maxFileBytes) {
        throw new ImportError("too_large", `the file is larger than ${IMPORT_LIMITS.maxFileBytes / 2 ** 20} MiB`, { file });
      }
      checker.push(chunk);
      onBytes?.(chunk.byteLength);
      yield chunk;
    }
    checker.end();
  }
  const parser = new RecordParser((fields, line) => session.record(fields, line), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: IMPORT_LIMITS.maxLineChars,
  });
  const sink = new Writable({ objectMode: true, write: (_record, _encoding, done) => done() });
  session.beginFile(file);
  try {
    await pipeline(checked, parser, sink);
  } catch (error) {
    throw toImportError(error, file);
  }
  session.endFile();
}

/**
 * csv-parse's stream parser, handing each record to `onRecord` with its line as it is parsed instead
 * of queueing it downstream. (Its `on_record` option would do the same but copies a context object
 * per record, which costs as much as the parsing itself.) The first error thrown by `onRecord`
 * destroys the stream with that error.
 */
class RecordParser extends Parser {
  private failed = false;

  constructor(
    private readonly onRecord: (fields: string[], line: number) => void,
    options: Options,
  ) {
    super(options);
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    if (this.failed) return false;
    try {
      this.onRecord(record as string[], this.info.lines);
    } catch (error) {
      this.failed = true;
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    }
    return true;
  }
}

function toImportError(error: unknown, file: string): unknown {
  if (error instanceof ImportError || !(error instanceof CsvError)) return error;
  const line = typeof error.lines === "number" ? error.lines : undefined;
  if (error.code === "CSV_MAX_RECORD_SIZE") {
    return new ImportError("line_too_long", `the line is longer than ${IMPORT_LIMITS.maxLineChars.toLocaleString("en-US")} characters`, {
      file,
      line,
    });
  }
  const quote = ["CSV_QUOTE_NOT_CLOSED", "CSV_INVALID_CLOSING_QUOTE", "INVALID_OPENING_QUOTE"].includes(error.code);
  const problem = quote
    ? "a quote is not closed, or a quoted field is followed by more text"
    : error.message.replace(/ at line \d+.*$/, "");
  return new ImportError("malformed_csv", `the CSV is malformed: ${problem}`, { file, line });
}

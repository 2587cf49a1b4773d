/**
 * Streams the run exports as text: CSV (a header, then rows) or JSON (a head object whose last key
 * holds an array of rows), written a batch at a time from an async iterable, so that a run with
 * millions of score steps is never held in memory as one string. Pure (Web Streams only).
 */
import { csvLine, type Cell } from "./csv";

/** About this many characters are sent at a time. */
const BATCH_CHARS = 64 * 1024;

type Rows<T> = Iterable<T> | AsyncIterable<T>;

/** CSV text: the header line, then each row as the line `line` gives, in batches. */
export async function* csvText<T>(header: readonly string[], rows: Rows<T>, line: (row: T) => readonly Cell[]): AsyncGenerator<string> {
  let batch = csvLine(header);
  for await (const row of rows) {
    batch += csvLine(line(row));
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/**
 * JSON text `{ ...head, [key]: [rows…] }`, in batches; the result parses as one JSON value. `head`
 * must not hold `key`.
 */
export async function* jsonText<T>(head: Record<string, unknown>, key: string, rows: Rows<T>): AsyncGenerator<string> {
  const open = JSON.stringify(head);
  let batch = `${open.slice(0, -1)}${open.length > 2 ? "," : ""}${JSON.stringify(key)}:[`;
  let first = true;
  for await (const row of rows) {
    batch += `${first ? "" : ","}\n${JSON.stringify(row)}`;
    first = false;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  yield `${batch}${first ? "" : "\n"}]}\n`;
}

/** A byte stream that pulls from `chunks` as the client reads (back-pressure) and stops it when the client goes away. */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

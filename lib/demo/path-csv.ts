/**
 * One demo sequence as CSV, in the upload format: `timestamp,<channels...>,label`, the
 * timestamp in seconds from 0, numbers with at most four decimals.
 */
import type { DemoDataset } from "./types";

export type CsvOptions = { includeLabel?: boolean; includeTimestamp?: boolean };

/** Fixed-point with up to four decimals, trailing zeros dropped, never "-0" or an exponent. */
export function formatValue(value: number): string {
  const text = value.toFixed(4).replace(/\.?0+$/, "");
  return text === "-0" || text === "" ? "0" : text;
}

export function sequenceToCsv(dataset: DemoDataset, index: number, opts: CsvOptions = {}): string {
  const sequence = dataset.sequences[index];
  if (!sequence) throw new RangeError(`No sequence ${index} in a dataset of ${dataset.sequences.length}`);
  const { includeLabel = true, includeTimestamp = true } = opts;
  const header = [...(includeTimestamp ? ["timestamp"] : []), ...dataset.channels, ...(includeLabel ? ["label"] : [])];
  const length = sequence.labels.length;
  const lines = [header.join(",")];
  for (let t = 0; t < length; t++) {
    const cells = includeTimestamp ? [formatValue(t / dataset.samplingRate)] : [];
    for (const column of sequence.columns) cells.push(formatValue(column[t] ?? Number.NaN));
    if (includeLabel) cells.push(String(sequence.labels[t] ?? 0));
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The end of the reading phase: every sequence's columns as exact-size arrays, and the sampling rate
 * (given, or the median time step of the timestamps, the same within 1 % for every sequence).
 */
import type { Split } from "../series/types";
import type { ImportMapping } from "../validations/dataset-import";
import { ImportError, quoteCell } from "./errors";
import type { SequenceBuilder } from "./sequence-builder";

export type ParsedSequence = {
  name: string;
  file: string;
  columns: Float32Array[];
  labels?: Uint8Array;
  /** From the split column, when the mapping has one. */
  split: Split | null;
  /** From the unit column, when the mapping has one. */
  unit: string | null;
  /** Seconds of the first row, when there is a timestamp column. */
  startTime: number | null;
};

export type ParsedImport = {
  sequences: ParsedSequence[];
  /** Hz, before any downsampling. */
  samplingRate: number;
  rateSource: "timestamps" | "given";
  rows: number;
};

const RATE_TOLERANCE = 0.01;

/** Rounds to 6 significant digits, so that 1 / 0.1 reads 10, not 9.999999999999998. */
function tidyRate(rate: number): number {
  return Number(rate.toPrecision(6));
}

function rateFromTimestamps(builders: SequenceBuilder[]): number {
  const rates = builders.flatMap((b) => {
    const r = b.rate();
    return r === null ? [] : [{ name: b.name, file: b.file, rate: r }];
  });
  const first = rates[0];
  if (!first) {
    throw new ImportError("bad_timestamp", "no sequence has two timestamps, so the sampling rate cannot be worked out; enter it instead");
  }
  for (const r of rates) {
    if (Math.abs(r.rate - first.rate) > RATE_TOLERANCE * first.rate) {
      throw new ImportError(
        "mixed_rates",
        `sequence ${quoteCell(r.name)} is sampled at ${tidyRate(r.rate)} Hz but ${quoteCell(first.name)} at ${tidyRate(first.rate)} Hz; a dataset has one sampling rate`,
        { file: r.file },
      );
    }
  }
  const sorted = rates.map((r) => r.rate).sort((a, b) => a - b);
  return tidyRate(sorted[sorted.length >> 1] ?? first.rate);
}

export function finishImport(builders: SequenceBuilder[], mapping: ImportMapping): ParsedImport {
  for (const b of builders) {
    const empty = b.emptyChannels()[0];
    if (empty !== undefined) {
      throw new ImportError(
        "missing_value",
        `sequence ${quoteCell(b.name)} has no value at all in this channel, so there is nothing to fill from`,
        { file: b.file, column: mapping.channels[empty] },
      );
    }
    if (b.labelsEmpty) {
      throw new ImportError("bad_label", `sequence ${quoteCell(b.name)} has no label at all`, {
        file: b.file,
        column: mapping.labelColumn ?? undefined,
      });
    }
  }
  const samplingRate = mapping.timestampColumn === null ? (mapping.samplingRate ?? 1) : rateFromTimestamps(builders);
  const rows = builders.reduce((n, b) => n + b.length, 0);
  const sequences = builders.map((b): ParsedSequence => ({
    name: b.name,
    file: b.file,
    columns: b.columns.map((c) => c.take()),
    ...(b.labels ? { labels: b.labels.take() } : {}),
    split: b.split,
    unit: b.unit,
    startTime: mapping.timestampColumn === null ? null : b.firstTime,
  }));
  return { sequences, samplingRate, rateSource: mapping.timestampColumn === null ? "given" : "timestamps", rows };
}

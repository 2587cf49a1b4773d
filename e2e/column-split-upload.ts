import type { z } from "zod";
import type { importMappingSchema } from "../lib/validations/dataset-import";

/**
 * An import mapping for one CSV: by default a sequence column "seq", one channel "a" at 1 Hz without
 * timestamps, no label, the split from a column "split", missing values refused; `fields` change any.
 */
export function csvMapping(name: string, fields: Partial<z.input<typeof importMappingSchema>> = {}) {
  return {
    name,
    timestampColumn: null,
    samplingRate: 1,
    sequenceColumn: "seq",
    channels: ["a"],
    labelColumn: null,
    targetRate: null,
    split: { kind: "column", column: "split" },
    missing: "reject",
    ...fields,
  };
}

/** An all-train CSV with a timestamp, channels a and b and a label column (the upload and corpus specs' files). */
export function timestampedCsvMapping(name: string) {
  return csvMapping(name, {
    timestampColumn: "timestamp",
    samplingRate: null,
    sequenceColumn: null,
    channels: ["a", "b"],
    labelColumn: "label",
    split: { kind: "ratios", train: 1, validation: 0, test: 0, seed: 1 },
  });
}

/**
 * A small one-channel upload whose split is a column: the first sequence in train, the others in
 * validation, sequence k's values (i mod period) + k. The threshold tests and the load test seed
 * their runs from it.
 */
export function columnSplitUpload(name: string, names: readonly string[], length: number, period: number) {
  const csv = [
    "seq,split,a",
    ...names.flatMap((n, k) => Array.from({ length }, (_, i) => `${n},${k === 0 ? "train" : "validation"},${(i % period) + k}`)),
  ].join("\n");
  return { csv, mapping: csvMapping(name) };
}

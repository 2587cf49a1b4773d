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
  const mapping = {
    name,
    timestampColumn: null,
    samplingRate: 1,
    sequenceColumn: "seq",
    channels: ["a"],
    labelColumn: null,
    targetRate: null,
    split: { kind: "column", column: "split" },
    missing: "reject",
  };
  return { csv, mapping };
}

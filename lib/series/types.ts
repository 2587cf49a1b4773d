/**
 * The in-memory shape of time series shared by lib/, workers and the server.
 * Channel-major: one Float32Array per channel, all of the same length.
 */
export type Split = "train" | "validation" | "test";
export const SPLITS = ["train", "validation", "test"] as const satisfies readonly Split[];

export type SeriesColumns = Float32Array[];

export type SequenceSeries = {
  name: string;
  /** One array per channel, each `length` long. */
  columns: SeriesColumns;
  /** Ground truth, 0/1 per step, when known. Never shown to experts. */
  labels?: Uint8Array;
};

export function seriesLength(columns: SeriesColumns): number {
  return columns[0]?.length ?? 0;
}

import type { SeriesColumns } from "../series/types";
import { columnsLength, requireNonNegativeInteger } from "./check";
import { PreprocessError } from "./errors";

/**
 * Running per-channel statistics over many sequences, filled in one pass (the caller feeds only the
 * TRAINING split). Each sequence is summarised exactly (two passes over that sequence, in float64) and
 * merged into the running totals with the parallel form of Welford's update (Chan, Golub & LeVeque),
 * so the result equals a two-pass computation over all the steps concatenated, up to rounding.
 */
export type ChannelStats = {
  /** Steps seen per channel (all channels see the same steps). */
  count: number;
  mean: Float64Array;
  /** Sum of squared deviations from the running mean. */
  m2: Float64Array;
  min: Float64Array;
  max: Float64Array;
};

export type ChannelSummary = {
  mean: number[];
  /** Population standard deviation (ddof = 0), as numpy's np.std in the reference pipeline. */
  std: number[];
  min: number[];
  max: number[];
  count: number;
};

export type ZScoreParams = { mean: readonly number[]; std: readonly number[] };

export function createChannelStats(nChannels: number): ChannelStats {
  requireNonNegativeInteger(nChannels, "invalid_option", "channel count");
  return {
    count: 0,
    mean: new Float64Array(nChannels),
    m2: new Float64Array(nChannels),
    min: new Float64Array(nChannels).fill(Infinity),
    max: new Float64Array(nChannels).fill(-Infinity),
  };
}

type Batch = { mean: number; m2: number; min: number; max: number };

function summarise(values: Float32Array, channel: number): Batch {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? 0;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? 0) - mean;
    m2 += d * d;
  }
  if (!Number.isFinite(mean) || !Number.isFinite(m2)) {
    throw new PreprocessError("non_finite_value", `channel ${channel} holds a NaN or infinite value`);
  }
  return { mean, m2, min, max };
}

/**
 * Adds one sequence (channel-major columns) to the running statistics; mutates and returns `stats`.
 * Throws `channel_mismatch` for a different channel count, `non_finite_value` for NaN/±Infinity.
 */
export function updateChannelStats(stats: ChannelStats, columns: SeriesColumns): ChannelStats {
  if (columns.length !== stats.mean.length) {
    throw new PreprocessError("channel_mismatch", `sequence has ${columns.length} channels, statistics have ${stats.mean.length}`);
  }
  const n = columnsLength(columns);
  if (n === 0) return stats;
  const total = stats.count + n;
  columns.forEach((column, c) => {
    const batch = summarise(column, c);
    const mean = stats.mean[c] ?? 0;
    const delta = batch.mean - mean;
    stats.mean[c] = mean + (delta * n) / total;
    stats.m2[c] = (stats.m2[c] ?? 0) + batch.m2 + (delta * delta * stats.count * n) / total;
    stats.min[c] = Math.min(stats.min[c] ?? Infinity, batch.min);
    stats.max[c] = Math.max(stats.max[c] ?? -Infinity, batch.max);
  });
  stats.count = total;
  return stats;
}

/**
 * Mean, population std, min and max per channel. A channel whose min equals its max gets std exactly 0
 * (rather than the rounding residue of a float sum). Throws `empty_input` when no step was seen.
 */
export function finishChannelStats(stats: ChannelStats): ChannelSummary {
  if (stats.count === 0) {
    throw new PreprocessError("empty_input", "no training steps to compute channel statistics from");
  }
  const min = Array.from(stats.min);
  const max = Array.from(stats.max);
  const std = Array.from(stats.m2, (m2, c) => (min[c] === max[c] ? 0 : Math.sqrt(Math.max(0, m2) / stats.count)));
  return { mean: Array.from(stats.mean), std, min, max, count: stats.count };
}

/** The divisor actually used for a channel: std of 0, NaN or ±Infinity is treated as 1. */
export function effectiveStd(std: number | undefined): number {
  return std !== undefined && Number.isFinite(std) && std !== 0 ? std : 1;
}

/**
 * (x − mean) / std per channel, into new arrays. A std of 0 or a non-finite std is treated as 1, so a
 * constant channel is only centred (it becomes 0 on the training split) instead of dividing by 0.
 * Throws `channel_mismatch` when mean/std do not have one entry per channel, and `non_finite_value`
 * for a non-finite mean.
 */
export function zscore(columns: SeriesColumns, params: ZScoreParams): SeriesColumns {
  if (params.mean.length !== columns.length || params.std.length !== columns.length) {
    throw new PreprocessError(
      "channel_mismatch",
      `z-score has ${params.mean.length} means and ${params.std.length} stds for ${columns.length} channels`,
    );
  }
  columnsLength(columns);
  return columns.map((column, c) => {
    const mean = params.mean[c] ?? 0;
    if (!Number.isFinite(mean)) {
      throw new PreprocessError("non_finite_value", `mean of channel ${c} is ${mean}`);
    }
    const std = effectiveStd(params.std[c]);
    const out = new Float32Array(column.length);
    for (let i = 0; i < column.length; i++) out[i] = ((column[i] ?? 0) - mean) / std;
    return out;
  });
}

/** The largest |x| per channel (0 for an empty channel; NaN values are ignored). */
export function maxAbs(columns: SeriesColumns): number[] {
  return columns.map((column) => {
    let max = 0;
    for (let i = 0; i < column.length; i++) {
      const a = Math.abs(column[i] ?? 0);
      if (a > max) max = a;
    }
    return max;
  });
}

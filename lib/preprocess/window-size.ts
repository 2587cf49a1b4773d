import type { SeriesColumns } from "../series/types";
import { acf, bartlettHalfWidths, firstLagInsideBand, type AcfMethod, type BandTest } from "./acf";
import { columnsLength, requirePositiveInteger } from "./check";
import { PreprocessError } from "./errors";

export type PowerRounding = "log2" | "linear";

export type WindowSizeOptions = {
  /** Smallest window returned (default 8). */
  minWindow?: number;
  /** Largest window returned (default 1024). */
  maxWindow?: number;
  /** Most lags searched per sequence (default 2·maxWindow); never more than n − 1. */
  maxLag?: number;
  /** See BandTest; default "inside" (|acf| < half-width). */
  bandTest?: BandTest;
  /** "log2" (default): nearest power in log2 space; "linear": nearest in absolute distance, as the reference. */
  rounding?: PowerRounding;
  /** ACF route; "auto" (default) picks FFT when it is cheaper. */
  acfMethod?: AcfMethod;
};

export type WindowSizeResult = {
  /** rawLag rounded to a power of two, clamped to [minWindow, maxWindow]; minWindow when rawLag is 0. */
  windowSize: number;
  /** Max over channels and sequences of the first lag inside the band; 0 when no channel gave one. */
  rawLag: number;
  /** Per channel: max over sequences of its lag (0 where every sequence was constant or too short). */
  perChannel: number[];
  /** (sequence, channel) pairs whose ACF stayed outside the band up to the lag cap; they count as the cap. */
  cappedPairs: number;
  /** (sequence, channel) pairs skipped: constant channel (no ACF) or a sequence of fewer than 2 steps. */
  skippedPairs: number;
};

/**
 * The nearest power of two to `lag` ≥ 1.
 * "log2": 2^round(log2 lag). A tie would need log2 lag = m + ½, i.e. lag = 2^m·√2, which is never an
 * integer, so integer lags never tie (a fractional tie would round up, as Math.round does).
 * "linear": the closer of 2^⌊log2 lag⌋ and 2^⌈log2 lag⌉ in absolute distance; ties (lag = 3·2^(m−1),
 * e.g. 24 between 16 and 32) go up — the reference pipeline's rule.
 */
export function roundToPowerOfTwo(lag: number, rounding: PowerRounding = "log2"): number {
  if (!(lag >= 1) || !Number.isFinite(lag)) {
    throw new PreprocessError("invalid_option", `cannot round ${lag} to a power of two`);
  }
  const log = Math.log2(lag);
  if (rounding === "log2") return 2 ** Math.round(log);
  const lower = 2 ** Math.floor(log);
  const upper = 2 ** Math.ceil(log);
  return upper - lag > lag - lower ? lower : upper;
}

type Resolved = Required<Omit<WindowSizeOptions, "maxLag">> & { maxLag: number };

function resolveOptions(opts: WindowSizeOptions): Resolved {
  const minWindow = opts.minWindow ?? 8;
  const maxWindow = opts.maxWindow ?? 1024;
  requirePositiveInteger(minWindow, "invalid_option", "minWindow");
  requirePositiveInteger(maxWindow, "invalid_option", "maxWindow");
  if (minWindow > maxWindow) {
    throw new PreprocessError("invalid_option", `minWindow ${minWindow} exceeds maxWindow ${maxWindow}`);
  }
  const maxLag = opts.maxLag ?? 2 * maxWindow;
  requirePositiveInteger(maxLag, "invalid_option", "maxLag");
  return {
    minWindow,
    maxWindow,
    maxLag,
    bandTest: opts.bandTest ?? "inside",
    rounding: opts.rounding ?? "log2",
    acfMethod: opts.acfMethod ?? "auto",
  };
}

type ChannelLag = { lag: number; capped: boolean } | null;

/** First lag inside the band for one channel of one sequence; null when it has no ACF. */
function channelLag(values: Float32Array, o: Resolved): ChannelLag {
  const n = values.length;
  const lags = Math.min(n - 1, o.maxLag);
  if (lags < 1) return null;
  const r = acf(values, lags, o.acfMethod);
  if (Number.isNaN(r[0])) return null;
  const lag = firstLagInsideBand(r, bartlettHalfWidths(r, n), o.bandTest);
  return lag === null ? { lag: lags, capped: true } : { lag, capped: false };
}

/**
 * The window size from the autocorrelation of the TRAINING sequences (docs/algorithms.md §1.3):
 * for each sequence and channel, the first lag k ≥ 1 where the ACF falls inside its 99 % Bartlett band;
 * the max over channels and sequences; rounded to a power of two; clamped to [minWindow, maxWindow].
 * A channel whose ACF never enters the band within the searched lags counts as the lag cap (its true
 * lag is at least that). Constant channels have no ACF and are skipped. The ACF is invariant to the
 * z-score, so raw or normalised training data give the same answer; downsample first.
 * Throws `empty_input` for no sequences and `channel_mismatch` when channel counts differ.
 */
export function windowSizeFromAcf(trainSequences: SeriesColumns[], opts: WindowSizeOptions = {}): WindowSizeResult {
  const o = resolveOptions(opts);
  const first = trainSequences[0];
  if (first === undefined) {
    throw new PreprocessError("empty_input", "no training sequences to choose a window size from");
  }
  const perChannel = new Array<number>(first.length).fill(0);
  let cappedPairs = 0;
  let skippedPairs = 0;
  trainSequences.forEach((columns, s) => {
    if (columns.length !== first.length) {
      const message = `sequence ${s} has ${columns.length} channels, not ${first.length}`;
      throw new PreprocessError("channel_mismatch", message);
    }
    columnsLength(columns);
    columns.forEach((values, c) => {
      const found = channelLag(values, o);
      if (found === null) skippedPairs++;
      else {
        if (found.capped) cappedPairs++;
        perChannel[c] = Math.max(perChannel[c] ?? 0, found.lag);
      }
    });
  });
  const rawLag = perChannel.reduce((a, b) => Math.max(a, b), 0);
  const rounded = rawLag >= 1 ? roundToPowerOfTwo(rawLag, o.rounding) : o.minWindow;
  const windowSize = Math.min(o.maxWindow, Math.max(o.minWindow, rounded));
  return { windowSize, rawLag, perChannel, cappedPairs, skippedPairs };
}

/**
 * Faults injected into one channel of a drive, from `onset` to the end of the sequence.
 * Magnitudes are multiples of a per-channel scale (the channel's standard deviation over the
 * drive, clamped to a range), large enough to see and small enough to stay plausible.
 */
import type { Rng } from "../rng";
import { clampReading } from "./powertrain";
import { CH, PATH_CHANNELS, type AnomalyKind, type InjectedAnomaly } from "./types";

const ALL_CHANNELS = PATH_CHANNELS.map((_, c) => c);

/** Channels a fault of each kind may hit: a frozen or decoupled soc/temperature would hardly show. */
const CANDIDATE_CHANNELS: Record<AnomalyKind, readonly number[]> = {
  level_shift: ALL_CHANNELS,
  drift: ALL_CHANNELS,
  stuck_sensor: [CH.speed, CH.torque, CH.current, CH.voltage, CH.motor_speed],
  noise_burst: ALL_CHANNELS,
  oscillation: ALL_CHANNELS,
  coupling_break: [CH.torque, CH.current, CH.voltage, CH.motor_speed],
};

/** Bounds on the scale of each channel, in its unit (km/h, N·m, A, V, %, °C, °C, rpm). */
const SCALE_BOUNDS: readonly (readonly [number, number])[] = [
  [8, 20],
  [15, 40],
  [20, 60],
  [3, 10],
  [1, 4],
  [1, 3],
  [2, 5],
  [800, 2000],
];

export function anomalyScale(column: Float32Array, channel: number): number {
  let sum = 0;
  let squares = 0;
  for (const x of column) {
    sum += x;
    squares += x * x;
  }
  const n = Math.max(1, column.length);
  const std = Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2));
  const [lo, hi] = SCALE_BOUNDS[channel] ?? [1, 1];
  return Math.min(hi, Math.max(lo, std));
}

/** Picks the channel and an onset in the middle 20–80 % of the sequence. */
export function drawAnomaly(kind: AnomalyKind, length: number, rng: Rng): InjectedAnomaly {
  const candidates = CANDIDATE_CHANNELS[kind];
  const channel = candidates[rng.int(candidates.length)] ?? CH.current;
  const onset = Math.floor(length * (0.2 + 0.6 * rng.next()));
  return { kind, channel, onset };
}

/** Offset added at `k` steps after onset, for the kinds that add a signal. */
type Offset = (k: number) => number;

type AdditiveKind = Exclude<AnomalyKind, "stuck_sensor" | "coupling_break">;

function additiveOffset(kind: AdditiveKind, scale: number, remaining: number, rng: Rng, samplingRate: number): Offset {
  const sign = rng.next() < 0.5 ? -1 : 1;
  const u = rng.next();
  switch (kind) {
    case "level_shift":
      return () => sign * (1.5 + 1.5 * u) * scale;
    case "drift": {
      const slope = (sign * (2 + 2 * u) * scale) / Math.max(1, remaining);
      return (k) => slope * k;
    }
    case "oscillation": {
      const amplitude = (0.5 + 0.7 * u) * scale;
      const omega = (2 * Math.PI) / ((4 + 36 * rng.next()) * samplingRate);
      const phase = 2 * Math.PI * rng.next();
      return (k) => amplitude * Math.sin(omega * k + phase);
    }
    case "noise_burst": {
      const sigma = (0.4 + 0.4 * u) * scale;
      return () => sigma * rng.normal();
    }
  }
}

/**
 * Replays the channel's own earlier reading (by at least a tenth of the drive) from the onset
 * on: the values stay plausible but no longer follow the rest of the powertrain.
 */
function breakCoupling(column: Float32Array, onset: number, rng: Rng): void {
  const shortest = Math.max(1, Math.round(0.1 * column.length));
  const lag = Math.min(onset, shortest + rng.int(Math.max(1, onset - shortest + 1)));
  const source = column.slice();
  for (let t = onset; t < column.length; t++) column[t] = source[t - lag] ?? 0;
}

/** Applies the fault to `columns` in place. `rng` should be a stream of its own. */
export function injectAnomaly(columns: Float32Array[], anomaly: InjectedAnomaly, rng: Rng, samplingRate: number): void {
  const { kind, channel, onset } = anomaly;
  const column = columns[channel];
  if (!column) throw new RangeError(`No channel ${channel} to inject ${kind} into`);
  if (kind === "coupling_break") {
    breakCoupling(column, onset, rng);
  } else if (kind === "stuck_sensor") {
    column.fill(column[onset] ?? 0, onset);
  } else {
    const offset = additiveOffset(kind, anomalyScale(column, channel), column.length - onset, rng, samplingRate);
    for (let t = onset; t < column.length; t++) column[t] = clampReading(channel, (column[t] ?? 0) + offset(t - onset));
  }
}

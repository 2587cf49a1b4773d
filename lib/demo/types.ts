/**
 * Shapes of the demo dataset: a PATH-like recording of an electric-vehicle powertrain,
 * one sequence per drive, channel-major like every other series in lib/.
 */
import type { SequenceSeries } from "../series/types";

/**
 * Channels in column order, with their units:
 * speed km/h · torque (motor shaft) N·m · current (battery, + = discharge) A · voltage (pack
 * terminal) V · soc % · battery_temp °C · motor_temp °C · motor_speed rpm.
 */
export const PATH_CHANNELS = ["speed", "torque", "current", "voltage", "soc", "battery_temp", "motor_temp", "motor_speed"] as const;

export type PathChannel = (typeof PATH_CHANNELS)[number];

/** The unit of each channel, in PATH_CHANNELS' order. */
export const PATH_UNITS = ["km/h", "N·m", "A", "V", "%", "°C", "°C", "rpm"] as const satisfies readonly string[] & { length: 8 };

/** Column index of each channel, so that code reads `CH.current` instead of a bare `2`. */
export const CH = {
  speed: 0,
  torque: 1,
  current: 2,
  voltage: 3,
  soc: 4,
  battery_temp: 5,
  motor_temp: 6,
  motor_speed: 7,
} as const satisfies Record<PathChannel, number>;

export const ANOMALY_KINDS = ["level_shift", "drift", "stuck_sensor", "noise_burst", "oscillation", "coupling_break"] as const;

export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** One injected fault: it starts at step `onset` and lasts to the end of the sequence. */
export type InjectedAnomaly = { kind: AnomalyKind; channel: number; onset: number };

export type DemoSequence = SequenceSeries & { labels: Uint8Array; anomaly: InjectedAnomaly | null };

export type DemoDataset = {
  name: string;
  /** Samples per second (Hz). */
  samplingRate: number;
  channels: string[];
  /** Each channel's unit of measure, in `channels`' order. */
  units: string[];
  sequences: DemoSequence[];
};

export type DemoOptions = {
  seed?: number;
  /** Number of drives (default 80). */
  sequences?: number;
  /** Shortest drive in steps (default 1000). */
  minLength?: number;
  /** Longest drive in steps (default 3000). */
  maxLength?: number;
  /** Share of drives that carry one injected anomaly (default 0.15). */
  anomalyFraction?: number;
  /** Hz (default 2). */
  samplingRate?: number;
};

export class DemoOptionsError extends Error {
  override name = "DemoOptionsError";
  readonly code = "invalid_demo_option";
}

/**
 * The rows of one sequence as they arrive: one growing float32 column per channel, optional 0/1
 * labels, forward fill of missing cells, and what the timestamps say about the sampling rate.
 */
import type { Split } from "../series/types";
import { GrowableFloat32, GrowableUint8 } from "./growable";

/** Timestamp differences kept per sequence to estimate its sampling rate (their median). */
const RATE_SAMPLE = 10_000;

export class SequenceBuilder {
  readonly columns: GrowableFloat32[];
  readonly labels: GrowableUint8 | null;
  /** Per channel: whether a value has been seen, and how many leading cells still wait for one. */
  private readonly seen: boolean[];
  private readonly pending: number[];
  private readonly last: Float64Array;
  private labelSeen = false;
  private labelPending = 0;
  private lastLabel = 0;
  split: Split | null = null;
  /** From the unit column, when the mapping has one. */
  unit: string | null = null;
  firstTime = Number.NaN;
  lastTime = Number.NaN;
  private readonly diffs: number[] = [];

  constructor(
    readonly name: string,
    readonly file: string,
    channelCount: number,
    withLabels: boolean,
  ) {
    this.columns = Array.from({ length: channelCount }, () => new GrowableFloat32());
    this.labels = withLabels ? new GrowableUint8() : null;
    this.seen = new Array<boolean>(channelCount).fill(false);
    this.pending = new Array<number>(channelCount).fill(0);
    this.last = new Float64Array(channelCount);
  }

  get length(): number {
    return this.columns[0]?.length ?? 0;
  }

  value(channel: number, value: number): void {
    const column = this.columns[channel];
    if (!column) return;
    const waiting = this.pending[channel] ?? 0;
    if (waiting > 0) {
      column.fill(value, column.length - waiting, column.length); // leading gap: take the first value
      this.pending[channel] = 0;
    }
    this.seen[channel] = true;
    this.last[channel] = value;
    column.push(value);
  }

  /** A missing cell, forward-filled (or back-filled from the first value when none came yet). */
  missing(channel: number): void {
    const column = this.columns[channel];
    if (!column) return;
    if (this.seen[channel]) return column.push(this.last[channel] ?? 0);
    this.pending[channel] = (this.pending[channel] ?? 0) + 1;
    column.push(0);
  }

  label(value: number): void {
    if (!this.labels) return;
    if (this.labelPending > 0) {
      this.labels.fill(value, this.labels.length - this.labelPending, this.labels.length);
      this.labelPending = 0;
    }
    this.labelSeen = true;
    this.lastLabel = value;
    this.labels.push(value);
  }

  missingLabel(): void {
    if (!this.labels) return;
    if (this.labelSeen) return this.labels.push(this.lastLabel);
    this.labelPending++;
    this.labels.push(0);
  }

  /** Records a timestamp; false when it does not come after the previous one. */
  time(seconds: number): boolean {
    if (this.length === 0) {
      this.firstTime = seconds;
    } else {
      if (!(seconds > this.lastTime)) return false;
      if (this.diffs.length < RATE_SAMPLE) this.diffs.push(seconds - this.lastTime);
    }
    this.lastTime = seconds;
    return true;
  }

  /** Hz from the median time step, or null with fewer than two timestamps. */
  rate(): number | null {
    if (this.diffs.length === 0) return null;
    const sorted = [...this.diffs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    return 1 / median;
  }

  /** Channels that never had a value (forward fill had nothing to carry). */
  emptyChannels(): number[] {
    return this.seen.flatMap((s, c) => (s ? [] : [c]));
  }

  /** Labels were chosen but every cell was empty. */
  get labelsEmpty(): boolean {
    return this.labels !== null && !this.labelSeen && this.length > 0;
  }
}

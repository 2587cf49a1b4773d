import { describe, expect, it } from "vitest";
import { anomalyScale } from "./anomalies";
import {
  ANOMALY_KINDS,
  CH,
  DemoOptionsError,
  PATH_CHANNELS,
  generatePathDataset,
  type DemoDataset,
  type DemoSequence,
} from "./path-dataset";

const small = { sequences: 12, minLength: 300, maxLength: 600, anomalyFraction: 0.5 };
const dataset = generatePathDataset();
const clean = generatePathDataset({ injectAnomalies: false });

function column(sequence: DemoSequence, channel: number): Float32Array {
  const values = sequence.columns[channel];
  if (!values) throw new Error(`missing channel ${channel}`);
  return values;
}

function rms(xs: Float32Array, ys: Float32Array): number {
  let squares = 0;
  xs.forEach((x, t) => (squares += (x - (ys[t] ?? 0)) ** 2));
  return Math.sqrt(squares / Math.max(1, xs.length));
}

function range(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

function at(d: DemoDataset, index: number): DemoSequence {
  const sequence = d.sequences[index];
  if (!sequence) throw new Error(`missing sequence ${index}`);
  return sequence;
}

function normals(d: DemoDataset): DemoSequence[] {
  return d.sequences.filter((s) => s.anomaly === null);
}

function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? 0;
    const y = ys[i] ?? 0;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const cov = sxy / n - (sx / n) * (sy / n);
  return cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
}

function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] ?? 0;
  return sum / Math.max(1, to - from);
}

describe("generatePathDataset: shape and determinism", () => {
  it("gives bit-identical data for the same options", () => {
    const a = generatePathDataset({ ...small, seed: 7 });
    const b = generatePathDataset({ ...small, seed: 7 });
    expect(b).toEqual(a);
  });

  it("gives different data for another seed", () => {
    const a = generatePathDataset({ ...small, seed: 7 });
    const b = generatePathDataset({ ...small, seed: 8 });
    expect(column(at(b, 0), CH.speed)).not.toEqual(column(at(a, 0), CH.speed));
  });

  it("has 80 named sequences of 1000–3000 steps at 2 Hz by default", () => {
    expect(dataset.samplingRate).toBe(2);
    expect(dataset.channels).toEqual([...PATH_CHANNELS]);
    expect(dataset.units).toEqual(["km/h", "N·m", "A", "V", "%", "°C", "°C", "rpm"]);
    expect(dataset.sequences).toHaveLength(80);
    expect(dataset.sequences[0]?.name).toBe("drive-001");
    expect(dataset.sequences[79]?.name).toBe("drive-080");
    for (const s of dataset.sequences) {
      expect(s.labels.length).toBeGreaterThanOrEqual(1000);
      expect(s.labels.length).toBeLessThanOrEqual(3000);
      expect(s.columns).toHaveLength(PATH_CHANNELS.length);
      for (const c of s.columns) expect(c.length).toBe(s.labels.length);
    }
    expect(new Set(dataset.sequences.map((s) => s.labels.length)).size).toBeGreaterThan(40);
  });

  it("rejects invalid options with a typed error", () => {
    expect(() => generatePathDataset({ minLength: 500, maxLength: 100 })).toThrow(DemoOptionsError);
    expect(() => generatePathDataset({ anomalyFraction: 1.5 })).toThrow(DemoOptionsError);
    expect(() => generatePathDataset({ sequences: -1 })).toThrow(DemoOptionsError);
    expect(() => generatePathDataset({ samplingRate: 0 })).toThrow(DemoOptionsError);
  });
});

describe("generatePathDataset: injected anomalies and labels", () => {
  it("injects exactly round(fraction · sequences) anomalies, all six kinds by default", () => {
    const faulty = dataset.sequences.filter((s) => s.anomaly !== null);
    expect(faulty).toHaveLength(12);
    expect(new Set(faulty.map((s) => s.anomaly?.kind))).toEqual(new Set(ANOMALY_KINDS));
    const custom = generatePathDataset({ ...small, sequences: 20, anomalyFraction: 0.25 });
    expect(custom.sequences.filter((s) => s.anomaly !== null)).toHaveLength(5);
    expect(generatePathDataset({ ...small, anomalyFraction: 0 }).sequences.every((s) => s.anomaly === null)).toBe(true);
  });

  it("labels every step from the onset on, and nothing in normal sequences", () => {
    for (const s of dataset.sequences) {
      const onset = s.anomaly?.onset ?? s.labels.length;
      if (s.anomaly) {
        expect(onset).toBeGreaterThanOrEqual(Math.floor(0.2 * s.labels.length));
        expect(onset).toBeLessThan(Math.ceil(0.8 * s.labels.length));
      }
      const expected = Uint8Array.from({ length: s.labels.length }, (_, t) => (t >= onset ? 1 : 0));
      expect(s.labels).toEqual(expected);
    }
  });

  it("leaves the sequence untouched before the onset and in the other channels", () => {
    dataset.sequences.forEach((s, i) => {
      const reference = clean.sequences[i];
      if (!s.anomaly || !reference) return;
      const { channel, onset } = s.anomaly;
      s.columns.forEach((values, c) => {
        const original = column(reference, c);
        expect(c === channel ? values.subarray(0, onset) : values).toEqual(c === channel ? original.subarray(0, onset) : original);
      });
    });
  });

  it("changes the faulty channel detectably after the onset, for most faults of every kind", () => {
    const options = { ...small, sequences: 60, anomalyFraction: 1, seed: 3 };
    const faulty = generatePathDataset(options);
    const reference = generatePathDataset({ ...options, injectAnomalies: false });
    const strengths = new Map<string, number[]>();
    faulty.sequences.forEach((s, i) => {
      if (!s.anomaly) throw new Error("expected a fault in every sequence");
      const { kind, channel, onset } = s.anomaly;
      const original = column(at(reference, i), channel);
      const after = column(s, channel).subarray(onset);
      if (kind === "stuck_sensor") expect(new Set(after).size).toBe(1);
      const strength = rms(after, original.subarray(onset)) / anomalyScale(original, channel);
      expect(strength, `${s.name} ${kind}`).toBeGreaterThan(0.01);
      strengths.set(kind, [...(strengths.get(kind) ?? []), strength]);
    });
    expect([...strengths.keys()].sort()).toEqual([...ANOMALY_KINDS].sort());
    for (const [kind, values] of strengths) {
      const clear = values.filter((v) => v > 0.3).length;
      expect(clear / values.length, kind).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("makes a drift grow", () => {
    const drifting = dataset.sequences.find((s) => s.anomaly?.kind === "drift");
    if (!drifting?.anomaly) throw new Error("no drift in the default dataset");
    const index = dataset.sequences.indexOf(drifting);
    const { channel, onset } = drifting.anomaly;
    const original = column(at(clean, index), channel);
    const diff = column(drifting, channel).map((x, t) => Math.abs(x - (original[t] ?? 0)));
    const quarter = Math.floor((diff.length - onset) / 4);
    expect(mean(diff, diff.length - quarter)).toBeGreaterThan(2 * mean(diff, onset, onset + quarter));
  });
});

describe("generatePathDataset: physics of normal drives", () => {
  const drives = normals(dataset);

  it("keeps readings in physical ranges", () => {
    const limits: [number, number, number][] = [
      [CH.speed, 0, 140],
      [CH.motor_speed, 0, 11_000],
      [CH.soc, 0, 100],
      [CH.voltage, 300, 420],
      [CH.current, -400, 500],
      [CH.battery_temp, -10, 60],
      [CH.motor_temp, -10, 130],
    ];
    for (const s of drives) {
      for (const [channel, lo, hi] of limits) {
        const [min, max] = range(column(s, channel));
        expect(min, `${s.name} ${PATH_CHANNELS[channel]}`).toBeGreaterThanOrEqual(lo);
        expect(max, `${s.name} ${PATH_CHANNELS[channel]}`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it("discharges the battery over a drive", () => {
    const drops = drives.map((s) => {
      const soc = column(s, CH.soc);
      return mean(soc, 0, 50) - mean(soc, soc.length - 50);
    });
    expect(drops.every((d) => d > 0)).toBe(true);
    expect(mean(drops)).toBeGreaterThan(1);
  });

  it("couples current to mechanical power and motor speed to vehicle speed", () => {
    for (const s of drives) {
      const torque = column(s, CH.torque);
      const power = column(s, CH.motor_speed).map((rpm, t) => rpm * (torque[t] ?? 0));
      expect(correlation(column(s, CH.current), power), s.name).toBeGreaterThan(0.7);
      expect(correlation(column(s, CH.speed), column(s, CH.motor_speed)), s.name).toBeGreaterThan(0.99);
      expect(correlation(column(s, CH.current), column(s, CH.voltage)), s.name).toBeLessThan(-0.5);
    }
  });
});

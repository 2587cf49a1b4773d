import { describe, expect, it } from "vitest";
import type { GeneratedDataset, GeneratedSequence } from "./common";
import {
  HEARTBEAT_ANOMALOUS,
  HEARTBEAT_CHANNELS,
  HEARTBEAT_FAULTS,
  HEARTBEAT_LENGTH,
  HEARTBEAT_RATE,
  HEARTBEAT_SEQUENCES,
  generateHeartbeats,
} from "./heartbeats";
import { GENERATOR_NAMES, GENERATORS, getGenerator, isGeneratorName } from "./index";
import { SENSOR_ANOMALOUS, SENSOR_CHANNELS, SENSOR_FAULTS, SENSOR_LENGTH, SENSOR_RATE, SENSOR_SEQUENCES, generateSensors } from "./sensors";
import { SERVER_ANOMALOUS, SERVER_CHANNELS, SERVER_FAULTS, SERVER_LENGTH, SERVER_RATE, SERVER_SEQUENCES, generateServers } from "./servers";

type Spec = {
  name: string;
  generate: (seed: number, injectFaults?: boolean) => GeneratedDataset;
  sequences: number;
  anomalous: number;
  length: readonly [number, number];
  rate: number;
  channels: readonly string[];
  faults: readonly string[];
  /** Largest change a fault may leave outside its labels (Gaussian wave tails beyond 3 widths). */
  tolerance: number;
};

const SPECS: Spec[] = [
  {
    name: "sensors",
    generate: generateSensors,
    sequences: SENSOR_SEQUENCES,
    anomalous: SENSOR_ANOMALOUS,
    length: SENSOR_LENGTH,
    rate: SENSOR_RATE,
    channels: SENSOR_CHANNELS,
    faults: SENSOR_FAULTS,
    tolerance: 0,
  },
  {
    name: "heartbeats",
    generate: generateHeartbeats,
    sequences: HEARTBEAT_SEQUENCES,
    anomalous: HEARTBEAT_ANOMALOUS,
    length: HEARTBEAT_LENGTH,
    rate: HEARTBEAT_RATE,
    channels: HEARTBEAT_CHANNELS,
    faults: HEARTBEAT_FAULTS,
    tolerance: 0.02,
  },
  {
    name: "servers",
    generate: generateServers,
    sequences: SERVER_SEQUENCES,
    anomalous: SERVER_ANOMALOUS,
    length: SERVER_LENGTH,
    rate: SERVER_RATE,
    channels: SERVER_CHANNELS,
    faults: SERVER_FAULTS,
    tolerance: 0,
  },
];

/** Bit-identical datasets (faster than a deep toEqual over long Float32Arrays). */
function identical(a: GeneratedDataset, b: GeneratedDataset): boolean {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const meta = (d: GeneratedDataset) => JSON.stringify([d.name, d.samplingRate, d.channels, d.sequences.map((s) => [s.name, s.faults])]);
  return (
    meta(a) === meta(b) &&
    a.sequences.every((s, i) => {
      const t = b.sequences[i];
      return (
        t !== undefined &&
        bytes(s.labels).equals(bytes(t.labels)) &&
        s.columns.every((c, j) => bytes(c).equals(bytes(t.columns[j] ?? new Float32Array(0))))
      );
    })
  );
}

/** Runs of consecutive labelled steps: [start, end). */
function labelRuns(labels: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  for (let t = 0; t < labels.length; t++) {
    if (labels[t] && !labels[t - 1]) runs.push([t, t + 1]);
    else if (labels[t]) (runs[runs.length - 1] as [number, number])[1] = t + 1;
  }
  return runs;
}

/** The largest |faulty − clean| over all channels, inside and outside the labelled steps. */
function differences(faulty: GeneratedSequence, clean: GeneratedSequence): { inside: number; outside: number } {
  let inside = 0;
  let outside = 0;
  faulty.columns.forEach((column, c) => {
    column.forEach((x, t) => {
      const d = Math.abs(x - (clean.columns[c]?.[t] ?? Number.NaN));
      if (faulty.labels[t]) inside = Math.max(inside, d);
      else outside = Math.max(outside, d);
    });
  });
  return { inside, outside };
}

describe.each(SPECS)("generator $name", (spec) => {
  const data = spec.generate(1);
  const anomalous = data.sequences.filter((s) => s.faults.length > 0);

  it("is deterministic for a seed, and another seed gives other data", () => {
    expect(identical(spec.generate(1), data)).toBe(true);
    const other = spec.generate(2);
    expect(other.sequences[0]?.columns[0]).not.toEqual(data.sequences[0]?.columns[0]);
    expect(other.sequences.map((s) => s.faults.length > 0)).not.toEqual(data.sequences.map((s) => s.faults.length > 0));
  });

  it("has the documented sequences, lengths, channels and rate, and no NaN", () => {
    expect(data.samplingRate).toBeCloseTo(spec.rate, 12);
    expect(data.channels).toEqual([...spec.channels]);
    expect(data.sequences).toHaveLength(spec.sequences);
    expect(new Set(data.sequences.map((s) => s.name)).size).toBe(spec.sequences);
    for (const s of data.sequences) {
      expect(s.labels.length).toBeGreaterThanOrEqual(spec.length[0]);
      expect(s.labels.length).toBeLessThanOrEqual(spec.length[1]);
      expect(s.columns).toHaveLength(spec.channels.length);
      for (const column of s.columns) {
        expect(column.length).toBe(s.labels.length);
        expect(column.every(Number.isFinite)).toBe(true);
      }
      expect(s.labels.every((l) => l === 0 || l === 1)).toBe(true);
    }
  });

  it("makes the documented share anomalous (enough for every fold of a 3-fold split), with every fault kind", () => {
    expect(anomalous).toHaveLength(spec.anomalous);
    expect(spec.anomalous / spec.sequences).toBeGreaterThanOrEqual(0.25);
    expect(spec.anomalous).toBeGreaterThanOrEqual(3 * 2);
    expect(new Set(anomalous.flatMap((s) => s.faults))).toEqual(new Set(spec.faults));
    for (const s of data.sequences) expect(s.labels.includes(1)).toBe(s.faults.length > 0);
  });

  it("labels the steps a fault changed, and only those", () => {
    const clean = spec.generate(1, false);
    expect(clean.sequences.every((s) => s.faults.length === 0 && !s.labels.includes(1))).toBe(true);
    data.sequences.forEach((s, i) => {
      const reference = clean.sequences[i];
      if (!reference) throw new Error(`no clean sequence ${i}`);
      const { inside, outside } = differences(s, reference);
      expect(outside).toBeLessThanOrEqual(spec.tolerance);
      if (s.faults.length > 0) expect(inside).toBeGreaterThan(0);
    });
  });

  it("keeps every fault short of the whole sequence, starting after its first tenth", () => {
    for (const s of anomalous) {
      const runs = labelRuns(s.labels);
      expect(runs[0]?.[0]).toBeGreaterThanOrEqual(Math.floor(0.1 * s.labels.length));
      expect(s.labels.reduce((sum, l) => sum + l, 0)).toBeLessThan(0.85 * s.labels.length);
    }
  });
});

describe("generator specifics", () => {
  it("sensors: each anomalous sequence holds 1–3 short events, each labelled on its own", () => {
    for (const s of generateSensors(3).sequences.filter((x) => x.faults.length > 0)) {
      expect(s.faults.length).toBeGreaterThanOrEqual(1);
      expect(s.faults.length).toBeLessThanOrEqual(3);
      const runs = labelRuns(s.labels);
      expect(runs).toHaveLength(s.faults.length);
      for (const [from, to] of runs) expect(to - from).toBeLessThanOrEqual(303);
    }
  });

  it("heartbeats: one anomalous beat (2–4 for an ST elevation), each under a second", () => {
    for (const s of generateHeartbeats(3).sequences.filter((x) => x.faults.length > 0)) {
      const labelled = s.labels.reduce((sum, l) => sum + l, 0) / HEARTBEAT_RATE;
      expect(labelled).toBeGreaterThan(0.3);
      expect(labelled).toBeLessThan(s.faults[0] === "st_elevation" ? 4.5 : 1.5);
    }
  });

  it("servers: a leak is labelled to the end of the sequence, the other faults end before it", () => {
    for (const s of generateServers(3).sequences.filter((x) => x.faults.length > 0)) {
      const runs = labelRuns(s.labels);
      expect(runs).toHaveLength(1);
      if (s.faults[0] === "memory_leak") expect(runs[0]?.[1]).toBe(s.labels.length);
      else expect(runs[0]?.[1]).toBeLessThan(s.labels.length);
    }
  });
});

describe("the generator registry", () => {
  it("lists the demo and the three generators, each generating for a seed", () => {
    expect(GENERATORS.map((g) => g.name)).toEqual([...GENERATOR_NAMES]);
    expect(GENERATOR_NAMES).toEqual(["demo", "sensors", "heartbeats", "servers"]);
    for (const name of GENERATOR_NAMES) expect(getGenerator(name).description.length).toBeGreaterThan(20);
    expect(isGeneratorName("sensors")).toBe(true);
    expect(isGeneratorName("bogus.csv")).toBe(false);
  });

  it("gives the demo as 80 drives, a quarter with their fault kind", () => {
    const demo = getGenerator("demo").generate(4);
    expect(demo.sequences).toHaveLength(80);
    expect(demo.sequences.filter((s) => s.faults.length === 1)).toHaveLength(20);
    expect(demo.sequences.every((s) => s.labels.includes(1) === s.faults.length > 0)).toBe(true);
    expect(identical(getGenerator("sensors").generate(5), generateSensors(5))).toBe(true);
  });
});

/**
 * The registry of seeded synthetic datasets the evaluation harness runs on (`--dataset <name>`,
 * `--suite`): the PATH-like EV demo and three generators unlike it and unlike each other. Every
 * generator is deterministic for a seed and gives channel-major sequences with 0/1 ground truth per
 * step; the fault mix of each is documented at the top of its file.
 */
import { generatePathDataset, type DemoDataset } from "../../demo/path-dataset";
import type { GeneratedDataset } from "./common";
import { generateHeartbeats } from "./heartbeats";
import { generateSensors } from "./sensors";
import { generateServers } from "./servers";

export type { GeneratedDataset, GeneratedSequence } from "./common";

export const GENERATOR_NAMES = ["demo", "sensors", "heartbeats", "servers"] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

export type DatasetGenerator = {
  name: GeneratorName;
  /** One line: what the data is, its size and its faults. */
  description: string;
  generate(seed: number): GeneratedDataset;
};

/** The harness's defaults for the demo: 80 drives, a quarter of them with a fault. */
export const DEMO_DEFAULTS = { sequences: 80, anomalyFraction: 0.25 } as const;

/** The PATH-like demo in the generators' shape (fault kinds from its injected anomalies). */
export function fromPathDemo(demo: DemoDataset): GeneratedDataset {
  return {
    name: demo.name,
    samplingRate: demo.samplingRate,
    channels: demo.channels,
    sequences: demo.sequences.map((s) => ({
      name: s.name,
      columns: s.columns,
      labels: s.labels,
      faults: s.anomaly ? [s.anomaly.kind] : [],
    })),
  };
}

export const GENERATORS: readonly DatasetGenerator[] = [
  {
    name: "demo",
    description:
      "PATH-like EV powertrain: 80 drives × 1,000–3,000 steps at 2 Hz, 8 channels; 25 % with one sensor or coupling fault from its onset to the end (in the harness, --sequences and --anomaly-fraction change both)",
    generate: (seed) => fromPathDemo(generatePathDataset({ seed, ...DEMO_DEFAULTS })),
  },
  {
    name: "sensors",
    description:
      "sensor network: 12 sequences × 10,000–15,000 steps at 1/min, 6 correlated temperature nodes; 7 (58 %) with 1–3 short events (spike, shift, noise burst, oscillation, stuck)",
    generate: generateSensors,
  },
  {
    name: "heartbeats",
    description:
      "ECG-like: 240 sequences × 200–400 steps at 50 Hz, 3 leads; 30 % with an anomalous beat (premature wide, inverted, wide, missing, ST elevation)",
    generate: generateHeartbeats,
  },
  {
    name: "servers",
    description:
      "server metrics: 48 sequences × 864–1,440 steps at 1/5 min (cpu, memory, requests, latency, errors); 29 % with a memory leak, latency spike, error storm, runaway cpu or dropped daily cycle",
    generate: generateServers,
  },
];

export function isGeneratorName(name: string): name is GeneratorName {
  return (GENERATOR_NAMES as readonly string[]).includes(name);
}

export function getGenerator(name: GeneratorName): DatasetGenerator {
  const generator = GENERATORS.find((g) => g.name === name);
  if (!generator) throw new RangeError(`no generator "${name}"`);
  return generator;
}

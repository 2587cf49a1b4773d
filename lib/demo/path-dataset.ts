/**
 * A seeded PATH-like demo dataset: drives of an electric-vehicle powertrain over drive
 * cycles, a share of them with one injected sensor or coupling fault and ground-truth labels.
 * The same options give bit-identical data; everything is drawn from `createRng`.
 */
import { createRng, type Rng } from "../rng";
import { drawAnomaly, injectAnomaly } from "./anomalies";
import { generateDriveCycle } from "./drive-cycle";
import { addSensorNoise, drawVehicle, simulatePowertrain } from "./powertrain";
import {
  ANOMALY_KINDS,
  DemoOptionsError,
  PATH_CHANNELS,
  PATH_UNITS,
  type AnomalyKind,
  type DemoDataset,
  type DemoOptions,
  type DemoSequence,
} from "./types";

export * from "./types";
export { sequenceToCsv } from "./path-csv";

/**
 * Internal: `injectAnomalies: false` yields the very same drives without the faults (labels
 * all zero, `anomaly: null`), so that tests can compare a faulty channel with its clean self.
 */
export type DemoGenerationOptions = DemoOptions & { injectAnomalies?: boolean };

type ResolvedOptions = Required<DemoGenerationOptions>;

const DEFAULTS: ResolvedOptions = {
  seed: 1,
  sequences: 80,
  minLength: 1000,
  maxLength: 3000,
  anomalyFraction: 0.15,
  samplingRate: 2,
  injectAnomalies: true,
};

/** Salt for the fault stream, so that drawing a fault never changes the drive itself. */
const FAULT_SALT = 0x5bd1e995;

function resolveOptions(options: DemoGenerationOptions): ResolvedOptions {
  const o = { ...DEFAULTS, ...options };
  const fail = (what: string): never => {
    throw new DemoOptionsError(`Invalid demo option: ${what}`);
  };
  if (!Number.isFinite(o.seed)) fail("seed must be a finite number");
  if (!Number.isInteger(o.sequences) || o.sequences < 0) fail("sequences must be a whole number ≥ 0");
  if (!Number.isInteger(o.minLength) || o.minLength < 2) fail("minLength must be a whole number ≥ 2");
  if (!Number.isInteger(o.maxLength) || o.maxLength < o.minLength) fail("maxLength must be a whole number ≥ minLength");
  if (!(o.anomalyFraction >= 0 && o.anomalyFraction <= 1)) fail("anomalyFraction must lie in [0, 1]");
  if (!(o.samplingRate > 0 && Number.isFinite(o.samplingRate))) fail("samplingRate must be a positive number");
  return o;
}

function swap(values: number[], i: number, j: number): void {
  const a = values[i];
  const b = values[j];
  if (a === undefined || b === undefined) return;
  values[i] = b;
  values[j] = a;
}

/** Chooses which sequences carry a fault, and cycles through the kinds from a random start. */
function assignKinds(rng: Rng, count: number, faulty: number): Map<number, AnomalyKind> {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < faulty; i++) {
    swap(order, i, i + rng.int(count - i));
  }
  const chosen = order.slice(0, faulty).sort((a, b) => a - b);
  const start = rng.int(ANOMALY_KINDS.length);
  return new Map(chosen.map((index, k) => [index, ANOMALY_KINDS[(start + k) % ANOMALY_KINDS.length] ?? "level_shift"]));
}

function sequenceName(index: number, count: number): string {
  return `drive-${String(index + 1).padStart(Math.max(3, String(count).length), "0")}`;
}

function generateSequence(seed: number, kind: AnomalyKind | undefined, o: ResolvedOptions): Omit<DemoSequence, "name"> {
  const rng = createRng(seed);
  const length = o.minLength + rng.int(o.maxLength - o.minLength + 1);
  const dt = 1 / o.samplingRate;
  const car = drawVehicle(rng);
  const columns = addSensorNoise(simulatePowertrain(generateDriveCycle(rng, length, dt), car, dt), rng);
  const labels = new Uint8Array(length);
  if (kind === undefined || !o.injectAnomalies) return { columns, labels, anomaly: null };
  const faultRng = createRng((seed ^ FAULT_SALT) >>> 0);
  const anomaly = drawAnomaly(kind, length, faultRng);
  injectAnomaly(columns, anomaly, faultRng, o.samplingRate);
  labels.fill(1, anomaly.onset);
  return { columns, labels, anomaly };
}

export function generatePathDataset(options: DemoGenerationOptions = {}): DemoDataset {
  const o = resolveOptions(options);
  const rng = createRng(o.seed);
  const seeds = Array.from({ length: o.sequences }, () => rng.int(2 ** 32));
  const kinds = assignKinds(rng, o.sequences, Math.round(o.anomalyFraction * o.sequences));
  return {
    name: `PATH-like EV powertrain demo (seed ${o.seed})`,
    samplingRate: o.samplingRate,
    channels: [...PATH_CHANNELS],
    units: [...PATH_UNITS],
    sequences: seeds.map((seed, i) => ({ name: sequenceName(i, o.sequences), ...generateSequence(seed, kinds.get(i), o) })),
  };
}

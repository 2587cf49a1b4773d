/**
 * `sensors`: a few long recordings of a sensor network — six temperature nodes of a building (°C, one
 * sample a minute), 12 sequences of 10,000–15,000 steps (7–10 days), each from a building of its own
 * (named site-001 …, with its own loadings and weather). Every node mixes the same drivers with its
 * own loadings: a daily cycle (with a per-node phase), the weather (a slow AR(1) walk), and the HVAC
 * (on/off switching every 1–4 hours, smoothed by the building's inertia); plus a local AR(1) drift
 * and white measurement noise of its own. The nodes are therefore strongly correlated, and a fault on
 * one node breaks its relation to the others.
 *
 * Fault mix: 7 of the 12 sequences (58 %; few long sequences, so more than half) carry 1–3 short
 * events, each on one or two nodes; only the event steps are labelled 1:
 * - spike: 1–4 steps, ±4–10 × the noise level (the easiest);
 * - shift: a local offset of ±5–10 × noise for 20–120 steps (visible at its two edges);
 * - noise_burst: the noise 2.5–4.5 × louder for 30–200 steps;
 * - oscillation: a 4–12-step sinusoid of 3–7 × noise amplitude for 40–200 steps (the subtlest:
 *   smooth enough that the node's own past partly predicts it);
 * - stuck: the node holds its reading for 30–150 steps, then jumps back to the truth (labelled
 *   with the 3 steps of the jump; only the jump and the growing gap to the other nodes tell, and
 *   hardly at all when the node holds still near the top or bottom of its daily cycle).
 * The first event starts in the middle 10–90 % of the sequence, the others after it.
 */
import { createRng, type Rng } from "../../rng";
import {
  chooseAnomalous,
  faultRng,
  kindCycle,
  markSpan,
  sequenceName,
  subSeeds,
  uniform,
  type GeneratedDataset,
  type GeneratedSequence,
} from "./common";

export const SENSOR_CHANNELS = ["north", "east", "south", "west", "core", "roof"] as const;
export const SENSOR_FAULTS = ["spike", "shift", "noise_burst", "oscillation", "stuck"] as const;
export type SensorFault = (typeof SENSOR_FAULTS)[number];

export const SENSOR_SEQUENCES = 12;
export const SENSOR_ANOMALOUS = 7;
export const SENSOR_LENGTH = [10_000, 15_000] as const;
export const SENSOR_RATE = 1 / 60;

/** White measurement noise (°C): the unit of every fault's size. */
const NOISE = 0.05;
const DAY = 1440;

type Loadings = { base: number; daily: number; phase: number; weather: number; hvac: number };

function drawLoadings(rng: Rng): Loadings[] {
  return SENSOR_CHANNELS.map((name) => ({
    base: uniform(rng, 19, 23),
    daily: (name === "roof" ? 3 : name === "core" ? 0.6 : 1.5) * uniform(rng, 0.7, 1.3),
    phase: uniform(rng, -0.6, 0.6),
    weather: (name === "core" ? 0.3 : 0.8) * uniform(rng, 0.7, 1.3),
    hvac: -(name === "roof" ? 0.5 : 1.5) * uniform(rng, 0.7, 1.3),
  }));
}

/** The shared drivers: weather (slow AR(1)) and the HVAC state smoothed by a first-order lag. */
function drivers(rng: Rng, length: number): { weather: Float64Array; hvac: Float64Array } {
  const weather = new Float64Array(length);
  const hvac = new Float64Array(length);
  let w = rng.normal();
  let state = rng.int(2);
  let nextSwitch = 60 + rng.int(180);
  let h = state;
  for (let t = 0; t < length; t++) {
    w = 0.999 * w + 0.045 * rng.normal();
    if (t >= nextSwitch) {
      state = 1 - state;
      nextSwitch = t + 60 + rng.int(180);
    }
    h += (state - h) / 12;
    weather[t] = w;
    hvac[t] = h;
  }
  return { weather, hvac };
}

function cleanSequence(rng: Rng, length: number): Float32Array[] {
  const loadings = drawLoadings(rng);
  const { weather, hvac } = drivers(rng, length);
  const dayPhase = uniform(rng, 0, 2 * Math.PI);
  return loadings.map((l) => {
    const column = new Float32Array(length);
    let local = 0;
    for (let t = 0; t < length; t++) {
      local = 0.97 * local + 0.03 * rng.normal();
      const daily = l.daily * Math.sin((2 * Math.PI * t) / DAY + dayPhase + l.phase);
      column[t] = l.base + daily + l.weather * (weather[t] ?? 0) + l.hvac * (hvac[t] ?? 0) + local + NOISE * rng.normal();
    }
    return column;
  });
}

const DURATION: Record<SensorFault, readonly [number, number]> = {
  spike: [1, 4],
  shift: [20, 120],
  noise_burst: [30, 200],
  oscillation: [40, 200],
  stuck: [30, 150],
};

/** Applies one event to `column` over [from, to), in place. */
function applyEvent(kind: SensorFault, column: Float32Array, from: number, to: number, rng: Rng): void {
  const sign = rng.next() < 0.5 ? -1 : 1;
  const held = column[from] ?? 0;
  const period = uniform(rng, 4, 12);
  const size = {
    spike: uniform(rng, 4, 10),
    shift: uniform(rng, 5, 10),
    noise_burst: uniform(rng, 2.5, 4.5),
    oscillation: uniform(rng, 3, 7),
    stuck: 0,
  }[kind];
  for (let t = from; t < to; t++) {
    const x = column[t] ?? 0;
    if (kind === "spike" || kind === "shift") column[t] = x + sign * size * NOISE;
    else if (kind === "noise_burst") column[t] = x + Math.sqrt(size * size - 1) * NOISE * rng.normal();
    else if (kind === "oscillation") column[t] = x + size * NOISE * Math.sin((2 * Math.PI * (t - from)) / period);
    else column[t] = held;
  }
}

/** Injects 1–3 events of `first`'s kind and then random kinds; returns their kinds. */
function injectEvents(columns: Float32Array[], labels: Uint8Array, first: SensorFault, rng: Rng): SensorFault[] {
  const length = labels.length;
  const count = 1 + rng.int(3);
  const kinds: SensorFault[] = [first];
  for (let k = 1; k < count; k++) kinds.push(SENSOR_FAULTS[rng.int(SENSOR_FAULTS.length)] ?? "spike");
  let from = Math.floor(length * uniform(rng, 0.1, 0.9 - 0.1 * (count - 1)));
  for (const kind of kinds) {
    const [lo, hi] = DURATION[kind];
    const to = Math.min(length, from + lo + rng.int(hi - lo + 1));
    const channels = new Set([rng.int(columns.length), ...(rng.next() < 0.3 ? [rng.int(columns.length)] : [])]);
    for (const c of channels) applyEvent(kind, columns[c] ?? new Float32Array(0), from, to, rng);
    markSpan(labels, from, kind === "stuck" ? to + 3 : to);
    from = Math.min(length - 1, to + Math.floor(length * uniform(rng, 0.03, 0.1)));
  }
  return kinds;
}

/** `injectFaults: false` gives the very same recordings without their events (for tests). */
export function generateSensors(seed: number, injectFaults = true): GeneratedDataset {
  const rng = createRng(seed);
  const seeds = subSeeds(rng, SENSOR_SEQUENCES);
  const anomalous = chooseAnomalous(rng, SENSOR_SEQUENCES, SENSOR_ANOMALOUS);
  const kindOf = kindCycle(rng, SENSOR_FAULTS);
  let k = 0;
  const sequences = seeds.map((s, i): GeneratedSequence => {
    const r = createRng(s);
    const length = SENSOR_LENGTH[0] + r.int(SENSOR_LENGTH[1] - SENSOR_LENGTH[0] + 1);
    const columns = cleanSequence(r, length);
    const labels = new Uint8Array(length);
    const faults = anomalous.has(i) && injectFaults ? injectEvents(columns, labels, kindOf(k++), faultRng(s)) : [];
    return { name: sequenceName("site", i, SENSOR_SEQUENCES), columns, labels, faults };
  });
  return { name: `sensor network (seed ${seed})`, samplingRate: SENSOR_RATE, channels: [...SENSOR_CHANNELS], sequences };
}

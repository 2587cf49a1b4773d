/**
 * `servers`: metrics of 48 web servers, 3–5 days each at one sample per 5 minutes (864–1,440 steps):
 * cpu (%), memory (%), requests (per s), latency (p95, ms) and errors (per 5 min). Traffic follows a
 * daily cycle (a peak in the afternoon, a trough at night), quieter weekends and a slow legitimate
 * growth or decline; cpu follows the traffic, latency grows convexly with cpu (queueing), errors are
 * Poisson-like counts in proportion to the traffic, and memory follows a warm cache with a slow
 * legitimate drift. Half the servers see a deploy (a legit regime change): cpu per request moves by
 * up to ±6 % and a rolling restart drops a fifth of the warm cache.
 *
 * Fault mix: 14 of the 48 sequences (29 %) hold one fault, the kinds in turn, labelled 1 from its
 * onset to its end (a leak: to the end of the sequence):
 * - memory_leak: memory climbs 0.8–2 points an hour until an out-of-memory restart (a drop to the
 *   cold level, an error burst and slow requests), then climbs again; a leak that starts late never
 *   reaches the restart, and the slow climb alone hardly shows (the subtlest);
 * - latency_spike: latency 2.5–6 times higher for 30 min–3 h (a slow dependency), errors doubled;
 * - error_storm: errors 8–25 times the usual rate for 1–4 h;
 * - runaway_cpu: cpu 15–30 points higher than the traffic explains for 1–6 h, latency with it;
 * - dropped_cycle: the daily peak does not come — from 7 h, traffic stays near the night level for
 *   6–14 h and recovers over 30 min (an upstream outage; cpu and latency follow, so only the
 *   missing cycle and the recovery tell).
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

export const SERVER_CHANNELS = ["cpu", "memory", "requests", "latency", "errors"] as const;
export const SERVER_FAULTS = ["memory_leak", "latency_spike", "error_storm", "runaway_cpu", "dropped_cycle"] as const;
export type ServerFault = (typeof SERVER_FAULTS)[number];

export const SERVER_SEQUENCES = 48;
export const SERVER_ANOMALOUS = 14;
export const SERVER_LENGTH = [864, 1440] as const;
export const SERVER_RATE = 1 / 300;

const HOUR = 12;
const DAY = 24 * HOUR;

/** The traffic pattern, sampled before any fault. */
type Server = {
  base: number;
  cpuPerLoad: number;
  errorRate: number;
  coldMemory: number;
  growth: number;
  startDay: number;
  hourOffset: number;
};

function drawServer(rng: Rng): Server {
  return {
    base: uniform(rng, 50, 500),
    cpuPerLoad: uniform(rng, 30, 50),
    errorRate: uniform(rng, 2e-4, 5e-4),
    coldMemory: uniform(rng, 30, 45),
    growth: uniform(rng, -0.1, 0.15),
    startDay: rng.int(7),
    hourOffset: uniform(rng, -1.5, 1.5),
  };
}

/** Relative load at step t: daily shape × weekend factor × slow growth (no noise). */
function loadAt(s: Server, t: number, length: number): number {
  const hour = ((t % DAY) / HOUR + s.hourOffset + 24) % 24;
  const daily = (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24)) ** 1.5;
  const weekday = (s.startDay + Math.floor(t / DAY)) % 7;
  return (weekday >= 5 ? 0.7 : 1) * (0.25 + 0.75 * daily) * (1 + (s.growth * t) / length);
}

/** What faults (and deploys) do at each step: a cap on the load, added cpu and memory, factors on latency and errors, restarts. */
type Effects = {
  loadCap: Float64Array;
  cpu: Float64Array;
  memory: Float64Array;
  latency: Float64Array;
  errors: Float64Array;
  restart: Uint8Array;
};

function noEffects(length: number): Effects {
  const ones = () => new Float64Array(length).fill(1);
  return {
    loadCap: new Float64Array(length).fill(Infinity),
    cpu: new Float64Array(length),
    memory: new Float64Array(length),
    latency: ones(),
    errors: ones(),
    restart: new Uint8Array(length),
  };
}

/** Draws one fault's onset and end, writes its effects, and labels [onset, end). */
function injectFault(kind: ServerFault, fx: Effects, labels: Uint8Array, rng: Rng): void {
  const length = labels.length;
  const onset = Math.floor(length * uniform(rng, 0.2, 0.7));
  const span = (lo: number, hi: number) => Math.min(length, onset + Math.round(uniform(rng, lo, hi)));
  let end = length;
  if (kind === "memory_leak") {
    const perStep = uniform(rng, 0.8, 2) / HOUR;
    for (let t = onset, leaked = 0; t < length; t++, leaked += perStep) {
      if (leaked > 45 + 10 * rng.next()) {
        leaked = 0; // out of memory: the process restarts cold, failing and slow for a while
        fx.restart[t] = 1;
        fx.errors.fill(30, t, t + 3);
        fx.latency.fill(4, t, t + 3);
      }
      fx.memory[t] = leaked;
    }
  } else if (kind === "latency_spike") {
    end = span(6, 36);
    const factor = uniform(rng, 2.5, 6);
    fx.latency.fill(factor, onset, end);
    fx.errors.fill(2, onset, end);
  } else if (kind === "error_storm") {
    end = span(HOUR, 4 * HOUR);
    const factor = uniform(rng, 8, 25);
    fx.errors.fill(factor, onset, end);
  } else if (kind === "runaway_cpu") {
    end = span(HOUR, 6 * HOUR);
    const extra = uniform(rng, 15, 30);
    fx.cpu.fill(extra, onset, end);
  } else {
    const next = Math.ceil((onset - 7 * HOUR) / DAY) * DAY + 7 * HOUR; // the next morning, at 7 h
    const from = next + 14 * HOUR <= length ? next : next - DAY;
    end = from + Math.round(uniform(rng, 6 * HOUR, 14 * HOUR));
    for (let t = from; t < end; t++) fx.loadCap[t] = 0.3 + 1.2 * Math.max(0, (t - end + HOUR / 2) / (HOUR / 2)); // recovers over 30 min
    markSpan(labels, from, end);
    return;
  }
  markSpan(labels, onset, end);
}

function render(s: Server, fx: Effects, length: number, rng: Rng): Float32Array[] {
  const columns = SERVER_CHANNELS.map(() => new Float32Array(length));
  const deploy = rng.next() < 0.5 ? Math.floor(length * uniform(rng, 0.1, 0.9)) : length;
  const cpuShift = uniform(rng, 0.94, 1.06);
  const drift = uniform(rng, 0, 4);
  let noise = 0;
  let cache = 0.5;
  for (let t = 0; t < length; t++) {
    noise = 0.9 * noise + 0.02 * rng.normal();
    const jitter = Math.exp(noise + 0.03 * rng.normal());
    const usual = loadAt(s, t, length) * jitter;
    const load = Math.min(loadAt(s, t, length), fx.loadCap[t] ?? Infinity) * jitter;
    const requests = s.base * load;
    if (fx.restart[t]) cache = 0;
    if (t === deploy) cache *= 0.8; // a rolling restart: most of the cache stays warm
    cache += (Math.min(1, usual) - cache) / 24; // the cache keeps what it held through an outage
    const cpu = Math.min(100, 3 + s.cpuPerLoad * load * (t >= deploy ? cpuShift : 1) + (fx.cpu[t] ?? 0) + 1.2 * rng.normal());
    const memory = s.coldMemory + 15 * cache + (drift * t) / length + (fx.memory[t] ?? 0) + 0.4 * rng.normal();
    const latency = (25 / (1 - Math.min(0.9, cpu / 100))) * (fx.latency[t] ?? 1) * Math.exp(0.05 * rng.normal());
    const lambda = requests * 300 * s.errorRate * (fx.errors[t] ?? 1);
    const values = [cpu, Math.min(100, memory), requests, latency, Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()))];
    values.forEach((v, c) => ((columns[c] as Float32Array)[t] = v));
  }
  return columns;
}

function generateSequence(seed: number, kind: ServerFault | undefined, injectFaults: boolean): Omit<GeneratedSequence, "name"> {
  const rng = createRng(seed);
  const length = SERVER_LENGTH[0] + rng.int(SERVER_LENGTH[1] - SERVER_LENGTH[0] + 1);
  const server = drawServer(rng);
  const fx = noEffects(length);
  const labels = new Uint8Array(length);
  const faulty = kind !== undefined && injectFaults;
  if (faulty) injectFault(kind, fx, labels, faultRng(seed));
  return { columns: render(server, fx, length, rng), labels, faults: faulty ? [kind] : [] };
}

/** `injectFaults: false` gives the very same servers without their faults (for tests). */
export function generateServers(seed: number, injectFaults = true): GeneratedDataset {
  const rng = createRng(seed);
  const seeds = subSeeds(rng, SERVER_SEQUENCES);
  const anomalous = chooseAnomalous(rng, SERVER_SEQUENCES, SERVER_ANOMALOUS);
  const kindOf = kindCycle(rng, SERVER_FAULTS);
  let k = 0;
  const sequences = seeds.map((s, i) => ({
    name: sequenceName("server", i, SERVER_SEQUENCES),
    ...generateSequence(s, anomalous.has(i) ? kindOf(k++) : undefined, injectFaults),
  }));
  return { name: `server metrics (seed ${seed})`, samplingRate: SERVER_RATE, channels: [...SERVER_CHANNELS], sequences };
}

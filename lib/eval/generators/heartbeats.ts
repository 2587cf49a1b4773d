/**
 * `heartbeats`: many short ECG-like recordings — 240 sequences of 200–400 steps (4–8 s at 50 Hz), three
 * leads (lead_i, lead_ii, v1, in mV). Each beat is a sum of Gaussian waves (P, Q, R, S, T), and each
 * wave projects onto the leads with its own lead vector (drawn per subject around a template), so the
 * leads are linear mixtures of one heart: what one lead shows, the others predict. The heart rate is
 * 55–95 bpm with beat-to-beat variability (4 % random, 3 % respiratory); every lead has its own
 * slow baseline wander and white noise.
 *
 * Fault mix: 72 of the 240 sequences (30 %) hold one anomaly, the kinds in turn; the anomalous beat(s)
 * are labelled 1 wherever their waves reach (±3 widths, about 0.25 s before the R peak to 0.45 s
 * after it), and where the normal beat they replace would have been; all else 0:
 * - pvc: a premature beat (65–80 % of the expected interval) without a P wave, a QRS three times as
 *   wide with an opposite axis (positive in v1), a discordant T, then a compensatory pause;
 * - inverted: one beat with its QRS and T inverted in one lead only;
 * - wide: one beat with a QRS 2–2.5 times as wide and a late R′ (0.6–1 mV) in v1 with a slurred S
 *   in lead_i (aberrant conduction);
 * - missing: a P wave without its QRS and T (a dropped beat; the subtlest, only the absence tells,
 *   which a detector that looks a few steps back hardly sees);
 * - st_elevation: 2–4 consecutive beats whose ST segment rises by 0.1–0.3 mV at the J point in one
 *   or two leads.
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

export const HEARTBEAT_CHANNELS = ["lead_i", "lead_ii", "v1"] as const;
export const HEARTBEAT_FAULTS = ["pvc", "inverted", "wide", "missing", "st_elevation"] as const;
export type HeartbeatFault = (typeof HEARTBEAT_FAULTS)[number];

export const HEARTBEAT_SEQUENCES = 240;
export const HEARTBEAT_ANOMALOUS = 72;
export const HEARTBEAT_LENGTH = [200, 400] as const;
export const HEARTBEAT_RATE = 50;

/** One wave of a beat: offset from the R peak (s), width σ (s) before and after its peak, amplitude per lead (mV). */
type Wave = { at: number; width: number; tail?: number; amp: readonly number[] };

const TEMPLATE: readonly Wave[] = [
  { at: -0.16, width: 0.025, amp: [0.1, 0.15, 0.08] },
  { at: -0.03, width: 0.01, amp: [-0.05, -0.1, -0.1] },
  { at: 0, width: 0.018, amp: [0.8, 1.2, -0.3] },
  { at: 0.04, width: 0.016, amp: [-0.15, -0.25, -0.9] },
  { at: 0.28, width: 0.05, amp: [0.25, 0.35, 0.15] },
];
const P = 0;
const T = 4;

/** A beat: its R peak (s), where a normal beat would have had it, its waves, and its fault if any. */
type Beat = { r: number; expected: number; waves: Wave[]; fault: HeartbeatFault | null };

/** Where a beat's waves reach (±3 widths), relative to its R peak (s). */
function extent(waves: readonly Wave[]): [number, number] {
  return [Math.min(...waves.map((w) => w.at - 3 * w.width)), Math.max(...waves.map((w) => w.at + 3 * (w.tail ?? w.width)))];
}

function subjectWaves(rng: Rng): Wave[] {
  return TEMPLATE.map((w) => ({ ...w, amp: w.amp.map((a) => a * uniform(rng, 0.9, 1.1)) }));
}

/** The anomalous version of a normal beat's waves. */
function faultyWaves(kind: HeartbeatFault, normal: readonly Wave[], rng: Rng): Wave[] {
  const lead = rng.int(HEARTBEAT_CHANNELS.length);
  switch (kind) {
    case "pvc":
      return [
        { at: 0, width: 0.04, amp: [-0.6, 0.5, 1.1] },
        { at: 0.3, width: 0.07, amp: [0.3, -0.3, -0.4] },
      ];
    case "inverted":
      return normal.map((w, i) => (i === P ? w : { ...w, amp: w.amp.map((a, l) => (l === lead ? -a : a)) }));
    case "wide":
      return [
        ...normal.map((w, i) => (i === P || i === T ? w : { ...w, at: w.at * 1.5, width: w.width * uniform(rng, 2, 2.5) })),
        { at: 0.12, width: 0.02, amp: [-0.25, 0, uniform(rng, 0.6, 1)] },
      ];
    case "missing":
      return normal.filter((_, i) => i === P);
    case "st_elevation": {
      const leads = new Set([lead, rng.int(HEARTBEAT_CHANNELS.length)]);
      const lift = uniform(rng, 0.1, 0.3);
      return [...normal, { at: 0.06, width: 0.01, tail: 0.12, amp: HEARTBEAT_CHANNELS.map((_, l) => (leads.has(l) ? lift : 0)) }];
    }
  }
}

/** R-peak times (s) with heart-rate variability, covering [−0.5, duration + 0.5]. */
function beatTimes(rng: Rng, duration: number): number[] {
  const rr = 60 / uniform(rng, 55, 95);
  const breath = uniform(rng, 3, 5);
  const phase = uniform(rng, 0, 2 * Math.PI);
  const times: number[] = [];
  for (let r = -rr * rng.next(); r < duration + 0.5;) {
    times.push(r);
    r += rr * (1 + 0.04 * rng.normal() + 0.03 * Math.sin((2 * Math.PI * r) / breath + phase));
  }
  return times;
}

/** Turns a random beat with its R peak in 20–80 % of the recording (and, for an ST elevation, the 1–3 after it) into the fault. */
function injectFault(beats: Beat[], kind: HeartbeatFault, duration: number, rng: Rng): void {
  const inside = beats.map((b, i) => i).filter((i) => (beats[i]?.r ?? 0) > 0.2 * duration && (beats[i]?.r ?? 0) < 0.8 * duration);
  const first = inside[rng.int(inside.length)] ?? Math.floor(beats.length / 2);
  const count = kind === "st_elevation" ? 2 + rng.int(3) : 1;
  const waves = faultyWaves(kind, beats[first]?.waves ?? TEMPLATE, rng); // the same leads for every beat of it
  for (let i = first; i < Math.min(beats.length, first + count); i++) {
    const beat = beats[i];
    if (!beat) continue;
    if (kind === "pvc") {
      const previous = beats[i - 1]?.r ?? beat.r - 1;
      beat.r = previous + (beat.r - previous) * uniform(rng, 0.65, 0.8);
    }
    beat.waves = waves;
    beat.fault = kind;
  }
}

function render(beats: readonly Beat[], length: number, rng: Rng): Float32Array[] {
  return HEARTBEAT_CHANNELS.map((_, lead) => {
    const column = new Float32Array(length);
    const wander = { amp: uniform(rng, 0.03, 0.08), freq: uniform(rng, 0.15, 0.3), phase: uniform(rng, 0, 2 * Math.PI) };
    for (let i = 0; i < length; i++) {
      const t = i / HEARTBEAT_RATE;
      let x = wander.amp * Math.sin(2 * Math.PI * wander.freq * t + wander.phase) + 0.02 * rng.normal();
      for (const beat of beats) {
        if (Math.abs(t - beat.r) > 0.7) continue;
        for (const w of beat.waves) {
          const d = t - beat.r - w.at;
          const width = d > 0 ? (w.tail ?? w.width) : w.width;
          x += (w.amp[lead] ?? 0) * Math.exp(-(d * d) / (2 * width * width));
        }
      }
      column[i] = x;
    }
    return column;
  });
}

function generateSequence(seed: number, kind: HeartbeatFault | undefined, injectFaults: boolean): Omit<GeneratedSequence, "name"> {
  const rng = createRng(seed);
  const length = HEARTBEAT_LENGTH[0] + rng.int(HEARTBEAT_LENGTH[1] - HEARTBEAT_LENGTH[0] + 1);
  const duration = length / HEARTBEAT_RATE;
  const waves = subjectWaves(rng);
  const beats: Beat[] = beatTimes(rng, duration).map((r) => ({ r, expected: r, waves, fault: null }));
  const faulty = kind !== undefined && injectFaults;
  if (faulty) injectFault(beats, kind, duration, faultRng(seed));
  const columns = render(beats, length, rng);
  const labels = new Uint8Array(length);
  for (const b of beats.filter((b) => b.fault)) {
    // The faulty beat's waves and the normal ones it replaced, wherever either reaches.
    const [lo, hi] = extent(b.waves);
    const [normalLo, normalHi] = extent(waves);
    markSpan(
      labels,
      Math.min(b.r + lo, b.expected + normalLo) * HEARTBEAT_RATE,
      Math.max(b.r + hi, b.expected + normalHi) * HEARTBEAT_RATE + 1,
    );
  }
  return { columns, labels, faults: faulty ? [kind] : [] };
}

/** `injectFaults: false` gives the very same recordings without their faults (for tests). */
export function generateHeartbeats(seed: number, injectFaults = true): GeneratedDataset {
  const rng = createRng(seed);
  const seeds = subSeeds(rng, HEARTBEAT_SEQUENCES);
  const anomalous = chooseAnomalous(rng, HEARTBEAT_SEQUENCES, HEARTBEAT_ANOMALOUS);
  const kindOf = kindCycle(rng, HEARTBEAT_FAULTS);
  let k = 0;
  const sequences = seeds.map((s, i) => ({
    name: sequenceName("ecg", i, HEARTBEAT_SEQUENCES),
    ...generateSequence(s, anomalous.has(i) ? kindOf(k++) : undefined, injectFaults),
  }));
  return { name: `ECG-like heartbeats (seed ${seed})`, samplingRate: HEARTBEAT_RATE, channels: [...HEARTBEAT_CHANNELS], sequences };
}

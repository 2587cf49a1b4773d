/**
 * Drive-cycle-like speed and road-grade profiles: a chain of regimes (idle at a stop,
 * cruise at a target speed) joined by jerk-limited acceleration and braking.
 */
import type { Rng } from "../rng";

export type DriveCycle = {
  /** Vehicle speed, m/s, ≥ 0. */
  speed: Float64Array;
  /** Longitudinal acceleration, m/s². */
  accel: Float64Array;
  /** Road grade as rise over run (0.03 = 3 % uphill). */
  grade: Float64Array;
};

/** Speed bands in km/h: urban, suburban, highway. */
const SPEED_BANDS: readonly (readonly [number, number])[] = [
  [25, 55],
  [55, 90],
  [90, 130],
];

type DriveStyle = { stopProbability: number; bandWeights: readonly number[]; maxAccel: number; maxDecel: number };

function drawStyle(rng: Rng): DriveStyle {
  const urban = rng.next();
  const highway = (1 - urban) * rng.next();
  return {
    stopProbability: 0.15 + 0.45 * urban,
    bandWeights: [urban, 1 - urban - highway, highway],
    maxAccel: 1.2 + 1.3 * rng.next(),
    maxDecel: 1.5 + 1.5 * rng.next(),
  };
}

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Target speed (m/s) and duration (s) of the next regime. */
function nextRegime(rng: Rng, style: DriveStyle, previousTarget: number): [number, number] {
  if (previousTarget > 0 && rng.next() < style.stopProbability) return [0, 8 + 45 * rng.next()];
  const [lo, hi] = SPEED_BANDS[pickWeighted(rng, style.bandWeights)] ?? [30, 50];
  return [(lo + (hi - lo) * rng.next()) / 3.6, 20 + 130 * rng.next()];
}

/** Per-step target speed (m/s) with slow fluctuations while cruising. */
function targetProfile(rng: Rng, length: number, dt: number, style: DriveStyle): Float64Array {
  const target = new Float64Array(length);
  let regimeEnd = Math.round((4 + 15 * rng.next()) / dt); // start idling at a stop
  let base = 0;
  let wobble = 0;
  for (let t = 0; t < length; t++) {
    if (t >= regimeEnd) {
      const [speed, duration] = nextRegime(rng, style, base);
      base = speed;
      regimeEnd = t + Math.max(1, Math.round(duration / dt));
    }
    wobble += -0.02 * dt * wobble + 0.12 * Math.sqrt(dt) * rng.normal();
    target[t] = base > 0 ? Math.max(1, base + wobble) : 0;
  }
  return target;
}

/** Follows the target with bounded acceleration and a first-order limit on jerk. */
function followTarget(target: Float64Array, dt: number, style: DriveStyle): [Float64Array, Float64Array] {
  const speed = new Float64Array(target.length);
  const accel = new Float64Array(target.length);
  const smoothing = Math.min(1, 0.9 * dt);
  let v = 0;
  let a = 0;
  for (let t = 0; t < target.length; t++) {
    const maxAccel = style.maxAccel * Math.min(1, 15 / Math.max(v, 1)); // power-limited at speed
    const wanted = Math.min(maxAccel, Math.max(-style.maxDecel, ((target[t] ?? 0) - v) / 3));
    a += smoothing * (wanted - a);
    if (v + a * dt <= 0) a = -v / dt;
    v += a * dt;
    speed[t] = v;
    accel[t] = a;
  }
  return [speed, accel];
}

/** Rolling terrain (mean-reverting grade) with occasional hills of a few percent. */
function gradeProfile(rng: Rng, length: number, dt: number): Float64Array {
  const grade = new Float64Array(length);
  let hill = 0;
  let hillLeft = 0;
  let roll = 0;
  for (let t = 0; t < length; t++) {
    if (hillLeft <= 0 && rng.next() < 0.004 * dt) {
      hill = (rng.next() < 0.5 ? -1 : 1) * (0.02 + 0.04 * rng.next());
      hillLeft = Math.round((30 + 120 * rng.next()) / dt);
    } else if (hillLeft <= 0) hill = 0;
    hillLeft -= 1;
    roll += -0.01 * dt * roll + 0.0008 * Math.sqrt(dt) * rng.normal();
    const previous = t > 0 ? (grade[t - 1] ?? 0) : 0;
    grade[t] = previous + Math.min(1, 0.1 * dt) * (hill + roll - previous);
  }
  return grade;
}

export function generateDriveCycle(rng: Rng, length: number, dt: number): DriveCycle {
  const style = drawStyle(rng);
  const [speed, accel] = followTarget(targetProfile(rng, length, dt, style), dt, style);
  return { speed, accel, grade: gradeProfile(rng, length, dt) };
}

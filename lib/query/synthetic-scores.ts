/**
 * Seeded synthetic anomaly-score series for tests and benchmarks: a positive baseline per unit,
 * autocorrelated noise with a heavy right tail (as negative log-likelihoods are), and in about 40 %
 * of units one to three bumps (anomalies) of random position, width and height.
 */
import { createRng } from "../rng";
import type { Candidate } from "./types";

export function syntheticScores(count: number, length: number, seed: number): Candidate[] {
  const rng = createRng(seed);
  const out: Candidate[] = [];
  for (let c = 0; c < count; c++) {
    const x = new Float32Array(length);
    const base = 1 + 0.15 * rng.normal();
    let ar = 0;
    for (let t = 0; t < length; t++) {
      ar = 0.8 * ar + 0.18 * rng.normal();
      const z = rng.normal();
      x[t] = base + ar + 0.1 * z * z;
    }
    const u = rng.next();
    const bumps = u < 0.6 ? 0 : u < 0.9 ? 1 : 2 + rng.int(2);
    for (let k = 0; k < bumps; k++) addBump(x, rng.next() * length, 3 + rng.next() * 27, 2 + rng.next() * 13);
    out.push({ key: `u${String(c).padStart(5, "0")}`, scores: x });
  }
  return out;
}

function addBump(x: Float32Array, center: number, width: number, height: number): void {
  const from = Math.max(0, Math.floor(center - 4 * width));
  const to = Math.min(x.length, Math.ceil(center + 4 * width));
  for (let t = from; t < to; t++) {
    const z = (t - center) / width;
    x[t] = x[t]! + height * Math.exp(-0.5 * z * z);
  }
}

/**
 * Cyclical KL annealing with a grace period, as the reference TeVAE's KL_annealing callback
 * ("cyclical" type):
 *
 *   g0 = max(0, graceEpochs − 1)
 *   β(e) = start                                  for e < g0
 *   β(e) = ramp((e − g0) mod cycleEpochs)         otherwise
 *
 * where ramp(p) rises linearly from `start` (p = 0) to `end` (p = rampEpochs − 1) and stays at
 * `end` for the rest of the cycle, rampEpochs = max(1, round(rampFraction · cycleEpochs)). With the
 * reference's rampFraction 1 the ramp is linspace(start, end, cycleEpochs) over the whole cycle;
 * rampFraction 0.5 gives Fu et al.'s "ramp over half a cycle, then flat".
 *
 * Epochs 0 … graceEpochs − 1 all get `start` (position 0 of the first cycle is the last grace epoch,
 * as in the reference). Example: grace 3, cycle 4, start 0, end 1 →
 * β = 0, 0, 0, ⅓, ⅔, 1, 0, ⅓, … for epochs 0, 1, 2, ….
 */
import { definedOnly } from "./defined";
import { DetectorError } from "./errors";

export type BetaSchedule = {
  /** Epochs at β = start before the first cycle (reference: 25). */
  graceEpochs: number;
  /** Length of one cycle in epochs (reference: 25). */
  cycleEpochs: number;
  /** β at the start of each cycle and during the grace period (reference: 1e-3). */
  start: number;
  /** β at the top of each cycle (reference: 1). */
  end: number;
  /** Share of a cycle spent ramping (reference: 1). */
  rampFraction: number;
};

export const DEFAULT_BETA_SCHEDULE: Readonly<BetaSchedule> = {
  graceEpochs: 25,
  cycleEpochs: 25,
  start: 1e-3,
  end: 1,
  rampFraction: 1,
};

export function resolveBetaSchedule(partial: Partial<BetaSchedule> = {}): BetaSchedule {
  const s = { ...DEFAULT_BETA_SCHEDULE, ...definedOnly(partial) };
  const bad = (what: string): never => {
    throw new DetectorError("invalid_option", `Invalid β schedule: ${what}`);
  };
  if (!Number.isInteger(s.graceEpochs) || s.graceEpochs < 0) bad("graceEpochs must be a whole number ≥ 0");
  if (!Number.isInteger(s.cycleEpochs) || s.cycleEpochs < 1) bad("cycleEpochs must be a whole number ≥ 1");
  if (!Number.isFinite(s.start) || !Number.isFinite(s.end) || s.start < 0 || s.end < 0) bad("start and end must be finite and ≥ 0");
  if (!(s.rampFraction > 0 && s.rampFraction <= 1)) bad("rampFraction must lie in (0, 1]");
  return s;
}

/** β for a 0-based epoch. */
export function klBeta(epoch: number, schedule: BetaSchedule): number {
  const g0 = Math.max(0, schedule.graceEpochs - 1);
  if (epoch < g0) return schedule.start;
  const position = (epoch - g0) % schedule.cycleEpochs;
  const rampEpochs = Math.max(1, Math.round(schedule.rampFraction * schedule.cycleEpochs));
  if (rampEpochs === 1) return position === 0 ? schedule.start : schedule.end;
  const t = Math.min(1, position / (rampEpochs - 1));
  return schedule.start + (schedule.end - schedule.start) * t;
}

/**
 * The two evaluation protocols of the harness. "ours" is the product's loop (simulate.ts). "reference"
 * reproduces the DQS reference's choices so that the paper's figures can be set beside ours; of them,
 * the delay metric lives here:
 *
 * For every anomalous test candidate (true positives, premature alarms and misses alike), in seconds:
 * - an alarm at step a (first step with score ≥ threshold): |a + p − onset| / rate, where the reverse-
 *   window penalty p is the window W when a < n − W, else n − a (a score at step a is final only once
 *   every window covering it has been seen);
 * - no alarm: (n − onset) / rate.
 * The mean over those candidates; null when the test split has no anomalous candidate.
 */
import { firstAlarmIndex, type LabelledCandidate } from "../threshold";

export const PROTOCOLS = ["ours", "reference"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function referenceDelay(test: readonly LabelledCandidate[], threshold: number, window: number, samplingRate: number): number | null {
  let sum = 0;
  let count = 0;
  for (const c of test) {
    if (!c.anomalous) continue;
    const n = c.scores.length;
    const onset = Math.ceil(c.onset ?? 0);
    const alarm = firstAlarmIndex(c.scores, threshold, 0);
    if (alarm < 0) sum += (n - onset) / samplingRate;
    else sum += Math.abs(alarm + (alarm < n - window ? window : n - alarm) - onset) / samplingRate;
    count++;
  }
  return count === 0 ? null : sum / count;
}

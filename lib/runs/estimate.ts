/**
 * How long a run will take, before it starts: a short probe on this machine's backend (a few
 * training steps and a few hundred scored windows of the dataset's own data, `measureDetector`)
 * times the work the run's settings imply. Pure, so the numbers are testable; the run form shows it.
 *
 * - training: epochs × ⌈training windows / batch⌉ steps (windows with the training shift, capped by
 *   "max windows/epoch"), each at the probe's median step time; early stopping can only end it sooner;
 * - validation: every epoch scores the validation windows (same cap), at the probe's scoring rate;
 * - scoring: every sequence with the run's scoring shift (1 unless set), shared by the page's scoring workers;
 * - data, what of it is not hidden behind the computing (lib/runs/pipeline.ts): the train and
 *   validation sequences fetched FETCHES_IN_FLIGHT at a time before training; while scoring, each
 *   worker fetches its next sequence and uploads the previous one's scores as it scores the current
 *   one, so only its first fetch, its last upload and any trips longer than the scoring are left
 *   (an upload taken as long as a fetch, the probe's fetch time).
 * It is an estimate, not a bound: a busier machine or network, or a slower server, stretch it.
 */
import { SCORING_SHIFT, scoringWindowCount, trainingShift, windowCount } from "../preprocess/windows";
import { FETCHES_IN_FLIGHT } from "./pipeline";

export type Probe = { backend: string; stepMs: number; windowsPerSecond: number };

export type EstimateInput = {
  windowSize: number;
  epochs: number;
  batchSize: number;
  maxTrainWindows?: number;
  /** Steps between scored windows (default 1). */
  scoreShift?: number;
  /** Lengths of the train, validation and every sequence of the dataset. */
  trainLengths: readonly number[];
  validationLengths: readonly number[];
  allLengths: readonly number[];
  /** Scoring workers working at once (the page runs one per core, at most 4). */
  scorers: number;
  /** Seconds to fetch and z-score one sequence, as the probe measured (0 when unknown). */
  secondsPerSequence?: number;
};

export type RunEstimate = {
  steps: number;
  trainWindows: number;
  scoredWindows: number;
  trainSeconds: number;
  validationSeconds: number;
  scoreSeconds: number;
  dataSeconds: number;
  totalSeconds: number;
};

const windows = (lengths: readonly number[], windowSize: number, shift: number) =>
  lengths.reduce((sum, length) => sum + windowCount(length, windowSize, shift), 0);

export function estimateRun(input: EstimateInput, probe: Probe): RunEstimate {
  const shift = trainingShift(input.windowSize);
  const cap = (n: number) => (input.maxTrainWindows === undefined ? n : Math.min(n, input.maxTrainWindows));
  const trainWindows = cap(windows(input.trainLengths, input.windowSize, shift));
  const validationWindows = cap(windows(input.validationLengths, input.windowSize, shift));
  const scoreShift = input.scoreShift ?? SCORING_SHIFT;
  const scoredWindows = input.allLengths.reduce(
    (sum, length) => sum + (length < input.windowSize ? 1 : scoringWindowCount(length, input.windowSize, scoreShift)),
    0,
  );
  const steps = input.epochs * Math.ceil(trainWindows / Math.max(1, input.batchSize));
  const rate = Math.max(probe.windowsPerSecond, Number.MIN_VALUE);
  const trainSeconds = (steps * probe.stepMs) / 1000;
  const validationSeconds = (input.epochs * validationWindows) / rate;
  const scorers = Math.max(1, input.scorers);
  const scoreSeconds = scoredWindows / rate / scorers;
  const perSequence = input.secondsPerSequence ?? 0;
  const loadSeconds = perSequence * Math.ceil((input.trainLengths.length + input.validationLengths.length) / FETCHES_IN_FLIGHT);
  const tripsPerScorer = (perSequence * input.allLengths.length) / scorers;
  const dataSeconds = loadSeconds + 2 * perSequence + Math.max(0, tripsPerScorer - scoreSeconds);
  return {
    steps,
    trainWindows,
    scoredWindows,
    trainSeconds,
    validationSeconds,
    scoreSeconds,
    dataSeconds,
    totalSeconds: trainSeconds + validationSeconds + scoreSeconds + dataSeconds,
  };
}

/** "45 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/**
 * Counterfactuals of TimeVQVAE-AD runs as the app stores and shows them (docs/algorithms.md §5.2):
 * for a stretch [start, end) of a sequence, each channel's likely-normal values in the data's own
 * units, the band (low or high frequency) whose token NLL drives the score there, and the seed of the
 * resampling. Computed in the scoring worker (z-scored in, z-scored out), turned back into raw units
 * here, and cached with the run's scores of the sequence (Score.counterfactuals). Pure.
 */
import { z } from "zod";
import type { ZScoreParams } from "../preprocess";

/** The longest stretch a counterfactual is computed for, in steps (a query segment is far shorter). */
export const MAX_COUNTERFACTUAL_STEPS = 4096;
/** Counterfactuals kept per run and sequence; the oldest goes when another is added. */
export const MAX_COUNTERFACTUALS_PER_SEQUENCE = 20;
/** Seed of the resampling the app uses, so that every viewer of a stretch sees the same counterfactual. */
export const COUNTERFACTUAL_SEED = 1;

export const counterfactualSchema = z
  .object({
    sequenceId: z.string().min(1).max(64),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    band: z.enum(["low", "high"]),
    bandScores: z.object({ low: z.number().finite(), high: z.number().finite() }),
    seed: z.number().int().min(0),
    values: z.array(z.array(z.number().finite()).max(MAX_COUNTERFACTUAL_STEPS)).min(1).max(256),
  })
  .refine((c) => c.end > c.start && c.end - c.start <= MAX_COUNTERFACTUAL_STEPS, {
    message: `The stretch must have between 1 and ${MAX_COUNTERFACTUAL_STEPS} steps.`,
    path: ["end"],
  })
  .refine((c) => c.values.every((v) => v.length === c.end - c.start), {
    message: "Every channel needs one value per step of the stretch.",
    path: ["values"],
  });

export type CounterfactualInput = z.infer<typeof counterfactualSchema>;
export type StoredCounterfactual = Omit<CounterfactualInput, "sequenceId">;

/** What GET /api/runs/[id]/counterfactuals answers for a sequence. */
export type CounterfactualCache = {
  counterfactuals: StoredCounterfactual[];
  /** The dataset's training statistics, which z-score the sequence for the detector. */
  trainStats: { mean: number[]; std: number[] } | null;
};

/** The stretch of `steps` steps (clamped to the sequence) centred on the highest score: what the sequence view explains first. */
export function peakStretch(score: ArrayLike<number>, steps: number): { start: number; end: number } | null {
  if (score.length === 0) return null;
  let peak = 0;
  for (let t = 1; t < score.length; t++) if ((score[t] ?? -Infinity) > (score[peak] ?? -Infinity)) peak = t;
  const length = Math.min(steps, score.length);
  const start = Math.max(0, Math.min(score.length - length, peak - Math.floor(length / 2)));
  return { start, end: start + length };
}

/** Z-scored values back in the data's units: v·std + mean per channel. */
export function toRawUnits(values: readonly Float32Array[], stats: ZScoreParams): number[][] {
  return values.map((channel, c) => {
    const mean = stats.mean[c] ?? 0;
    const std = stats.std[c] ?? 1;
    return Array.from(channel, (v) => v * std + mean);
  });
}

/** The cached list with `next` in place of any counterfactual of the same stretch, newest last, at most `max` kept. */
export function withCounterfactual(
  stored: readonly StoredCounterfactual[],
  next: StoredCounterfactual,
  max = MAX_COUNTERFACTUALS_PER_SEQUENCE,
): StoredCounterfactual[] {
  const others = stored.filter((c) => c.start !== next.start || c.end !== next.end);
  return [...others, next].slice(-max);
}

/** The stored list of a Score row's JSON column; anything that does not parse counts as none. */
export function readStored(json: unknown): StoredCounterfactual[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item: unknown) => {
    const parsed = counterfactualSchema.safeParse({ ...(item as object), sequenceId: "stored" });
    if (!parsed.success) return [];
    const { sequenceId: _sequenceId, ...rest } = parsed.data;
    return [rest];
  });
}

export const BAND_TEXT = { low: "low-frequency band", high: "high-frequency band" } as const;

import { z } from "zod";
import { BACKENDS } from "../backend/choose";
import { DETECTOR_KINDS } from "../detectors/types";

export const RUN_STATUSES = ["running", "complete", "error", "interrupted", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Settings a user chooses for a run; model sizes left empty follow the reference TeVAE (h = 16·features, …; docs/algorithms.md §3). */
export const runConfigSchema = z
  .object({
    windowSize: z.number().int().min(4).max(2048),
    epochs: z.number().int().min(1).max(1000),
    batchSize: z.number().int().min(1).max(1024),
    learningRate: z.number().positive().max(1),
    patience: z.number().int().min(1).max(1000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    hidden: z.number().int().min(1).max(1024).optional(),
    latent: z.number().int().min(1).max(256).optional(),
    /** Caps the training windows per epoch (sampled deterministically); unset = all. */
    maxTrainWindows: z.number().int().min(1).optional(),
    /** Steps between scored windows (1 = every window, as in the reference; at most the window size); unset = 1. */
    scoreShift: z.number().int().min(1).max(2048).optional(),
  })
  .refine((c) => c.scoreShift === undefined || c.scoreShift <= c.windowSize, {
    message: "The scoring shift may be at most the window size (a larger one leaves steps unscored).",
    path: ["scoreShift"],
  });
export type RunConfig = z.infer<typeof runConfigSchema>;

export const createRunSchema = z.strictObject({
  datasetId: z.string().min(1),
  detector: z.enum(DETECTOR_KINDS),
  config: runConfigSchema,
  /** A refinement (ALOE fine-tuning with the parent's labels, lib/server/refine.ts): the parent run. */
  parentRunId: z.string().min(1).optional(),
});

export const epochMetricSchema = z.object({
  epoch: z.number().int(),
  trainLoss: z.number(),
  /** null when there were no validation windows (the detector then monitors the training loss). */
  valLoss: z.number().nullable(),
  beta: z.number(),
  ms: z.number(),
});

export const updateRunSchema = z.strictObject({
  status: z.enum(["complete", "error", "cancelled", "interrupted"]).optional(),
  backend: z.enum(BACKENDS).optional(),
  backendReason: z.string().max(2000).optional(),
  epochs: z.array(epochMetricSchema).max(10_000).optional(),
  bestEpoch: z.number().int().optional(),
  error: z.string().max(4000).optional(),
  threshold: z.number().finite().optional(),
});
export type UpdateRunInput = z.infer<typeof updateRunSchema>;

export const weightsHeaderSchema = z.strictObject({
  kind: z.enum(DETECTOR_KINDS),
  config: z.record(z.string(), z.json()),
  specs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().min(0)), dtype: z.literal("float32") })),
});

export const scoresHeaderSchema = z.strictObject({
  sequenceId: z.string().min(1),
  length: z.number().int().min(0),
  channels: z.number().int().min(1),
});

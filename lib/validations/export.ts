import { z } from "zod";

/**
 * GET /api/runs/[id]/export?what=&format=&threshold= — what to export from a run, as CSV (default) or JSON:
 * - labels: every stored label of the run's queries;
 * - predictions: one row per scored sequence at a chosen threshold;
 * - scores: the per-step anomaly score of every scored sequence (long format);
 * - thresholds: the run's whole threshold history.
 * `threshold` (predictions only): "unsupervised", "refined", "manual" or a number; by default the
 * refined one when the labels have refined it, else the unsupervised one.
 */
export const EXPORT_KINDS = ["labels", "predictions", "scores", "thresholds"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const NAMED_THRESHOLDS = ["unsupervised", "refined", "manual"] as const;
export type NamedThreshold = (typeof NAMED_THRESHOLDS)[number];

/** A named threshold of the run, or a value of the caller's own. */
export type ThresholdChoice = { kind: NamedThreshold } | { kind: "value"; value: number };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const thresholdChoiceSchema = z.string().transform((text, ctx): ThresholdChoice => {
  const t = text.trim();
  if ((NAMED_THRESHOLDS as readonly string[]).includes(t)) return { kind: t as NamedThreshold };
  const value = Number(t);
  if (NUMBER.test(t) && Number.isFinite(value)) return { kind: "value", value };
  ctx.addIssue({ code: "custom", message: `threshold is ${NAMED_THRESHOLDS.join(", ")} or a finite number` });
  return z.NEVER;
});

export const exportQuerySchema = z.strictObject({
  what: z.enum(EXPORT_KINDS, { error: `what is one of ${EXPORT_KINDS.join(", ")}` }),
  format: z.enum(EXPORT_FORMATS, { error: `format is csv or json` }).default("csv"),
  threshold: thresholdChoiceSchema.optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

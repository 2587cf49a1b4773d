import { z } from "zod";

const ratio = z.number().min(0).max(1);

/**
 * The threshold the browser computed from the labels after a label, an undo or a resolution:
 * "refined" (stored as kind "refined"), or "unsupervised" when the labels no longer refine it (no
 * anomalous label, F1 0, or no label left) — stored as kind "withdrawn", so that the last refined
 * value stops being shown as current.
 */
export const createThresholdSchema = z.object({
  source: z.enum(["refined", "unsupervised"]).default("refined"),
  value: z.number().finite(),
  f1: ratio,
  precision: ratio,
  recall: ratio,
  labelCount: z.number().int().min(0).max(1_000_000),
});
export type CreateThresholdInput = z.infer<typeof createThresholdSchema>;

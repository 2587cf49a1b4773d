import { z } from "zod";

const ratio = z.number().min(0).max(1);

/** A refined threshold the browser computed from the labels (kind "refined"). */
export const createThresholdSchema = z.object({
  value: z.number().finite(),
  f1: ratio,
  precision: ratio,
  recall: ratio,
  labelCount: z.number().int().min(1).max(1_000_000),
});
export type CreateThresholdInput = z.infer<typeof createThresholdSchema>;

/**
 * Split edits on a dataset's page (the body of PATCH /api/datasets/[id]/splits), and the parts of
 * Dataset.importConfig that the split editor reads: each sequence's unit, how the import split the
 * sequences, the ratios asked for, and the last edit.
 */
import { z } from "zod";
import { IMPORT_LIMITS } from "../import/limits";
import { SPLITS } from "../series/types";

export const splitSchema = z.enum(SPLITS);

export const splitChangesSchema = z
  .strictObject({
    changes: z
      .array(z.strictObject({ sequenceId: z.string().min(1).max(100), split: splitSchema }))
      .min(1, "Change the split of at least one sequence")
      .max(IMPORT_LIMITS.maxSequences),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    for (const c of body.changes) {
      if (seen.has(c.sequenceId)) ctx.addIssue({ code: "custom", path: ["changes"], message: `Sequence ${c.sequenceId} is listed twice` });
      seen.add(c.sequenceId);
    }
  });

export type SplitChangesInput = z.infer<typeof splitChangesSchema>;

const ratio = z.number().min(0).max(1);
const ratiosSchema = z.object({ train: ratio, validation: ratio, test: ratio });

/** Lenient: a field that is absent or of another shape (older imports, the demo generator) reads as undefined. */
export const importSplitInfoSchema = z.object({
  /** Unit of each sequence, by sequence index; absent when the import had no unit column. */
  units: z.array(z.string().nullable()).optional().catch(undefined),
  splitMethod: z.enum(["random", "stratified", "grouped", "column"]).optional().catch(undefined),
  /** The ratios of a CSV import (its mapping) … */
  mapping: z
    .object({ split: ratiosSchema.extend({ kind: z.literal("ratios") }) })
    .optional()
    .catch(undefined),
  /** … or of the demo generator. */
  splitRatios: ratiosSchema.optional().catch(undefined),
  splitsEdited: z.object({ at: z.string(), by: z.string().nullable(), sequences: z.number() }).optional().catch(undefined),
});

export type ImportSplitInfo = z.infer<typeof importSplitInfoSchema>;

/** The split info of a stored importConfig (anything that is not an object reads as empty). */
export function readImportSplitInfo(importConfig: unknown): ImportSplitInfo {
  const parsed = importSplitInfoSchema.safeParse(importConfig ?? {});
  return parsed.success ? parsed.data : {};
}

import { z } from "zod";
import { PLACEMENTS } from "../threshold/placement";

/**
 * Thresholds are the server's: it recomputes the refined one from the labels after every label, undo
 * and resolution (see lib/threshold/view.ts). What a client may send is only an admin's manual
 * threshold — a value and a required reason — or null with a reason to clear it.
 */
export const MAX_REASON = 1000;

export const manualThresholdSchema = z.strictObject({
  /** The manual threshold, or null to clear the one that is set. */
  value: z.number().finite().nullable(),
  reason: z.string().trim().min(3, "Say why (at least 3 characters).").max(MAX_REASON),
});
export type ManualThresholdInput = z.infer<typeof manualThresholdSchema>;

const labelStretch = z.object({ labelId: z.string(), queryId: z.string(), sequenceId: z.string(), start: z.number(), end: z.number() });
const bound = labelStretch.extend({ side: z.enum(["normal peak", "pre-onset peak", "post-onset peak"]) }).nullable();

/** Threshold.detail of a refined or withdrawn row, as the server writes it (older rows have none). */
export const thresholdDetailSchema = z.object({
  labelIds: z.array(z.string()),
  bounds: z.object({ lower: bound, upper: bound }).nullable(),
});

export const placementSchema = z.enum(PLACEMENTS);

/** How many thresholds one page of GET /api/runs/[id]/thresholds lists at most. */
export const THRESHOLD_PAGE_MAX = 1000;

/** GET /api/runs/[id]/thresholds?limit=&after= — `after` is the `next` of the previous page. */
export const thresholdPageSchema = z.strictObject({
  limit: z.coerce.number().int("limit is a whole number").min(1).max(THRESHOLD_PAGE_MAX).default(500),
  after: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/i, "after is the `next` of a previous page")
    .optional(),
});
export type ThresholdPageQuery = z.infer<typeof thresholdPageSchema>;

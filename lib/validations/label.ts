import { z } from "zod";

export const MAX_NOTE = 2000;

/** A label as the browser sends it; the clientId makes a retried or doubled request count once. */
export const createLabelSchema = z
  .strictObject({
    clientId: z.uuid(),
    queryId: z.string().min(1).max(100),
    anomalous: z.boolean(),
    /** Step index within the sequence where the anomaly starts; required when anomalous. */
    onset: z.number().int().min(0).nullable().optional(),
    /** One past the last step of the marked anomalous region (exclusive); only with an onset, and after it. */
    regionEnd: z.number().int().min(1).nullable().optional(),
    note: z.string().max(MAX_NOTE).default(""),
  })
  .refine((l) => !l.anomalous || (l.onset !== null && l.onset !== undefined), {
    message: "An anomalous label needs its onset.",
    path: ["onset"],
  })
  .refine((l) => l.regionEnd === null || l.regionEnd === undefined || (l.anomalous && l.onset != null && l.regionEnd > l.onset), {
    message: "A region end belongs to an anomalous label and must come after its onset.",
    path: ["regionEnd"],
  });
export type CreateLabelInput = z.infer<typeof createLabelSchema>;

export const clientIdSchema = z.uuid();

/** An admin settles a disagreement: the label that counts for the query, or null to go back to the latest. */
export const resolveQuerySchema = z.strictObject({ labelId: z.string().min(1).max(100).nullable() });
export type ResolveQueryInput = z.infer<typeof resolveQuerySchema>;

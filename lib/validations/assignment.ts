import { z } from "zod";

/** The experts who may label a dataset's queries (the whole set; others are unassigned). */
export const datasetAssignmentsSchema = z.strictObject({
  userIds: z
    .array(z.string().min(1).max(100))
    .max(10_000)
    .transform((ids) => [...new Set(ids)]),
});
export type DatasetAssignmentsInput = z.infer<typeof datasetAssignmentsSchema>;

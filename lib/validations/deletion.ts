import { z } from "zod";

/** Deleting a dataset: the admin types its name, as the confirmation dialog asks. */
export const deleteDatasetSchema = z.strictObject({ confirmName: z.string().min(1).max(500) });
export type DeleteDatasetInput = z.infer<typeof deleteDatasetSchema>;

/** Deleting a run: an explicit confirmation, after the dialog has said what goes. */
export const deleteRunSchema = z.strictObject({ confirm: z.literal(true) });
export type DeleteRunInput = z.infer<typeof deleteRunSchema>;

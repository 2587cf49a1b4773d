import { z } from "zod";
import type { PoolDefinition } from "../query/pool-peaks";
import { STRATEGY_NAMES } from "../query/types";

export const createBatchSchema = z
  .strictObject({
    strategy: z.enum(STRATEGY_NAMES),
    budget: z.number().int().min(1).max(1000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    /** null: whole sequences */
    segmentLength: z.number().int().min(2).nullable(),
    /** The pool the picks were drawn from: validation, and train too when true (lib/query/pool-rule.ts). */
    includeTrain: z.boolean().optional(),
    threshold: z.number().finite().nullable(),
    picks: z
      .array(
        z.object({
          key: z.string().min(1).max(200),
          rank: z.number().int().min(0).max(999, "A rank is below 1000 (a batch holds at most 1000 picks)"),
          reason: z.string().max(500),
          /** The probability the strategy drew it with among the open candidates (lib/query/types.ts). */
          probability: z.number().gt(0).max(1).optional(),
        }),
      )
      .min(1)
      .max(1000),
    /** Candidates open at the batch's first draw (the contamination estimate's population). */
    poolSize: z.number().int().min(1).optional(),
    /** How long the selection took in the browser, for the record. */
    ms: z.number().nonnegative().optional(),
  })
  .superRefine((batch, ctx) => {
    // Each stretch once and each rank once: a batch is an ordering of distinct candidates.
    const ranks = new Set<number>();
    const keys = new Set<string>();
    batch.picks.forEach((pick, i) => {
      if (ranks.has(pick.rank))
        ctx.addIssue({ code: "custom", path: ["picks", i, "rank"], message: `Rank ${pick.rank} is given twice in this batch` });
      if (keys.has(pick.key))
        ctx.addIssue({ code: "custom", path: ["picks", i, "key"], message: `The stretch ${pick.key} is picked twice in this batch` });
      ranks.add(pick.rank);
      keys.add(pick.key);
    });
  });
export type CreateBatchInput = z.infer<typeof createBatchSchema>;

/** A stored batch as pages and the API show it. */
export type BatchView = {
  id: string;
  strategy: string;
  budget: number;
  seed: number;
  createdAt: string;
  createdBy: string;
  /** The pool the batch was drawn from (an old batch: the run page's default, see lib/query/pool-peaks.ts). */
  pool: PoolDefinition;
  queries: {
    id: string;
    rank: number;
    sequenceId: string;
    sequenceName: string;
    start: number;
    end: number;
    reason: string;
    /** The probability the pick was drawn with among the open candidates; null when the strategy does not say. */
    probability: number | null;
    labels: number;
  }[];
};

/** What a batch stores beside its picks (QueryBatch.params); fields absent in older batches are optional. */
export const batchParamsSchema = z.object({
  segmentLength: z.number().int().nullable().optional(),
  includeTrain: z.boolean().optional(),
  threshold: z.number().nullable().optional(),
  ms: z.number().nullable().optional(),
  poolSize: z.number().int().nullable().optional(),
});

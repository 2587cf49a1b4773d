/** Query of the series API: a step range, how many points per channel, which channels. */
import { z } from "zod";

export const MAX_SERIES_POINTS = 10_000;

export const seriesQuerySchema = z.object({
  /** First step (inclusive); default 0. */
  from: z.coerce.number().int().min(0).optional(),
  /** Last step (exclusive); default the sequence's length. */
  to: z.coerce.number().int().min(1).optional(),
  /** Points per channel, at most; the chart's width in pixels is a good choice. */
  points: z.coerce.number().int().min(3).max(MAX_SERIES_POINTS).default(1000),
  /** Comma-separated channel indices; default all. */
  channels: z
    .string()
    .regex(/^\d{1,4}(,\d{1,4})*$/, "channels is a comma-separated list of channel numbers")
    .transform((s) => [...new Set(s.split(",").map(Number))])
    .optional(),
});

export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

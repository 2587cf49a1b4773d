/**
 * The mapping an admin picks for a CSV upload, and the upload's file list: one schema for the form
 * and the route handlers.
 */
import { z } from "zod";
import { IMPORT_LIMITS } from "../import/limits";
import type { SplitWarning } from "../splits/warnings";

const columnName = z.string().trim().min(1, "Pick a column").max(200);
const rate = z.number().positive("Enter a rate above 0 Hz").max(1e9).refine(Number.isFinite, "Enter a finite rate");
/** A unit of measure as people write it: "km/h", "°C", "N·m" — short, one line. */
export const unitText = z
  .string()
  .trim()
  .max(24, "A unit is at most 24 characters")
  .refine(
    (u) => [...u].every((ch) => ch.charCodeAt(0) >= 32 && ch !== "\u007f" && ch !== "<" && ch !== ">"),
    "A unit cannot hold control characters or < >",
  );
const ratio = z.number().min(0, "Ratios are between 0 and 1").max(1, "Ratios are between 0 and 1");

export const splitMappingSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ratios"),
    train: ratio,
    validation: ratio,
    test: ratio,
    seed: z
      .number()
      .int("The seed is a whole number")
      .min(0)
      .max(2 ** 32 - 1),
  }),
  z.object({ kind: z.literal("column"), column: columnName }),
]);

export const importMappingSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a dataset name").max(120),
    description: z.string().trim().max(2000).default(""),
    /** A column of seconds or ISO dates; null to use `samplingRate`. */
    timestampColumn: columnName.nullable(),
    /** Hz; required when there is no timestamp column (and ignored when there is one). */
    samplingRate: rate.nullable(),
    /** A column naming the sequence of each row; null for one sequence per file. */
    sequenceColumn: columnName.nullable(),
    channels: z.array(columnName).min(1, "Pick at least one channel").max(IMPORT_LIMITS.maxColumns),
    /** Ground truth, 0 or 1 per row. */
    labelColumn: columnName.nullable(),
    /**
     * The unit (group) of each sequence — a vehicle, a patient…: sequences of one unit always share a
     * split. Optional; null (or absent) when every sequence stands alone.
     */
    unitColumn: columnName.nullable().default(null),
    /**
     * The unit of measure of each channel that has one, by channel column ("speed" → "km/h"); shown on
     * the charts' axes and in their tooltips. Optional; an empty unit counts as none.
     */
    channelUnits: z.record(columnName, unitText).default({}),
    /** Average down to this rate (Hz); null keeps the source rate. */
    targetRate: rate.nullable(),
    split: splitMappingSchema,
    /** What to do with empty cells: refuse the upload, or carry the last value forward. */
    missing: z.enum(["reject", "ffill"]),
  })
  .superRefine((m, ctx) => {
    if (m.timestampColumn === null && m.samplingRate === null) {
      ctx.addIssue({ code: "custom", path: ["samplingRate"], message: "Without a timestamp column, enter the sampling rate" });
    }
    if (m.split.kind === "ratios") {
      const sum = m.split.train + m.split.validation + m.split.test;
      if (Math.abs(sum - 1) > 1e-6)
        ctx.addIssue({ code: "custom", path: ["split"], message: `Split ratios must add up to 1 (they add up to ${+sum.toFixed(4)})` });
      // Without this the import would quietly move a sequence into train against the ratios asked for.
      if (m.split.train <= 0)
        ctx.addIssue({
          code: "custom",
          path: ["split", "train"],
          message: "The train ratio must be above 0: a detector needs training data",
        });
    }
    for (const column of Object.keys(m.channelUnits)) {
      if (!m.channels.includes(column))
        ctx.addIssue({
          code: "custom",
          path: ["channelUnits", column],
          message: `A unit is given for "${column}", which is not a channel`,
        });
    }
    const used = [
      ...m.channels,
      m.timestampColumn,
      m.sequenceColumn,
      m.labelColumn,
      m.unitColumn,
      m.split.kind === "column" ? m.split.column : null,
    ].filter((c): c is string => c !== null);
    const seen = new Set<string>();
    for (const c of used) {
      if (seen.has(c)) ctx.addIssue({ code: "custom", path: ["channels"], message: `Column "${c}" is used twice` });
      seen.add(c);
    }
  });

export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The units to store with a dataset: one per channel, in channel order, null where none was given. */
export function unitsInChannelOrder(channels: readonly string[], units: Record<string, string>): (string | null)[] {
  return channels.map((c) => (units[c] ? units[c] : null));
}

/** A stored `channelUnits` (JSON, perhaps absent) as one unit or null per channel. */
export function readChannelUnits(stored: unknown, count: number): (string | null)[] {
  const list = Array.isArray(stored) ? stored : [];
  return Array.from({ length: count }, (_, i) => {
    const u: unknown = list[i];
    return typeof u === "string" && u.trim() !== "" ? u : null;
  });
}
export type SplitMapping = z.infer<typeof splitMappingSchema>;

export const uploadFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  size: z
    .number()
    .int()
    .min(0)
    .max(IMPORT_LIMITS.maxFileBytes, `A file may hold at most ${IMPORT_LIMITS.maxFileBytes / 2 ** 20} MiB`),
});

export type UploadFile = z.infer<typeof uploadFileSchema>;

export const createUploadSchema = z
  .strictObject({
    mapping: importMappingSchema,
    files: z.array(uploadFileSchema).min(1, "Add at least one CSV file").max(IMPORT_LIMITS.maxFiles),
  })
  .superRefine((u, ctx) => {
    const total = u.files.reduce((n, f) => n + f.size, 0);
    if (total > IMPORT_LIMITS.maxTotalBytes) {
      ctx.addIssue({ code: "custom", path: ["files"], message: `An upload may hold at most ${IMPORT_LIMITS.maxTotalBytes / 2 ** 30} GiB` });
    }
    const names = new Set<string>();
    for (const f of u.files) {
      const key = sequenceNameOf(f.name);
      if (names.has(key)) ctx.addIssue({ code: "custom", path: ["files"], message: `Two files are named "${f.name}"` });
      names.add(key);
    }
  });

export type CreateUploadInput = z.infer<typeof createUploadSchema>;

/** A file's sequence name when each file holds one sequence: its name without the extension. */
export function sequenceNameOf(fileName: string): string {
  return fileName.replace(/\.(csv|txt)$/i, "");
}

export const uploadIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, "Not an upload id");
export const fileIndexSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(IMPORT_LIMITS.maxFiles - 1);

/** What POST /api/datasets/uploads/[id]/import answers (201): the new dataset and what to check about its split. */
export type ImportResult = {
  datasetId: string;
  sequenceCount: number;
  totalSteps: number;
  rows: number;
  samplingRate: number;
  /** What to check about the split (the dataset page lists the same, and keeps them up to date). */
  warnings: SplitWarning[];
};

export type ImportPhase = "parse" | "preprocess" | "store" | "done" | "failed";

/** What GET /api/datasets/uploads/[id] answers while an import runs (null before it starts and after it ends). */
export type ImportProgress = { phase: ImportPhase; done: number; total: number; updatedAt: number };

/**
 * The mapping form's state (strings, as inputs hold them), its first values from the preview's
 * guess, and the mapping it stands for — checked by the same zod schema as the server.
 */
import { withoutRoleColumns, type RoleColumn } from "@/lib/import/mapping-checks";
import type { CsvPreview } from "@/lib/import/preview";
import { importMappingSchema, sequenceNameOf, type ImportMapping } from "@/lib/validations/dataset-import";

export const NONE = "";

export type MappingForm = {
  name: string;
  description: string;
  timestampColumn: string;
  samplingRate: string;
  sequenceColumn: string;
  channels: string[];
  /** Unit of measure typed for a channel column ("km/h"); kept while the channel is unticked, sent only for ticked ones. */
  channelUnits: Record<string, string>;
  labelColumn: string;
  unitColumn: string;
  targetRate: string;
  splitKind: "ratios" | "column";
  train: string;
  validation: string;
  test: string;
  seed: string;
  splitColumn: string;
  missing: "reject" | "ffill";
};

export function initialForm(preview: CsvPreview, fileCount: number): MappingForm {
  const { guess } = preview;
  const base = sequenceNameOf(preview.file);
  return {
    name: fileCount > 1 ? `${base} and ${fileCount - 1} more` : base,
    description: "",
    timestampColumn: guess.timestampColumn ?? NONE,
    samplingRate: "",
    sequenceColumn: guess.sequenceColumn ?? NONE,
    channels: guess.channels,
    channelUnits: {},
    labelColumn: guess.labelColumn ?? NONE,
    unitColumn: guess.unitColumn ?? NONE,
    targetRate: "",
    splitKind: guess.splitColumn ? "column" : "ratios",
    train: "0.6",
    validation: "0.2",
    test: "0.2",
    seed: "1",
    splitColumn: guess.splitColumn ?? NONE,
    missing: "reject",
  };
}

const orNull = (value: string) => (value === NONE ? null : value);
const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

export type FormResult = { ok: true; mapping: ImportMapping } | { ok: false; message: string };

export function toMapping(form: MappingForm): FormResult {
  const split =
    form.splitKind === "ratios"
      ? {
          kind: "ratios" as const,
          train: Number(form.train),
          validation: Number(form.validation),
          test: Number(form.test),
          seed: Number(form.seed),
        }
      : { kind: "column" as const, column: form.splitColumn };
  const channels = withoutRoleColumns(form.channels, roleColumns(form)).channels;
  const result = importMappingSchema.safeParse({
    name: form.name,
    description: form.description,
    timestampColumn: orNull(form.timestampColumn),
    samplingRate: form.timestampColumn === NONE ? numberOrNull(form.samplingRate) : null,
    sequenceColumn: orNull(form.sequenceColumn),
    // Only the channels on screen: a column given another role is never sent as a channel too.
    channels,
    channelUnits: Object.fromEntries(channels.flatMap((c) => (form.channelUnits[c]?.trim() ? [[c, form.channelUnits[c]]] : []))),
    labelColumn: orNull(form.labelColumn),
    unitColumn: orNull(form.unitColumn),
    targetRate: numberOrNull(form.targetRate),
    split,
    missing: form.missing,
  });
  if (result.success) return { ok: true, mapping: result.data };
  return { ok: false, message: result.error.issues.map((i) => i.message).join("; ") };
}

/** The columns picked for a role other than channel. */
export function roleColumns(form: MappingForm): RoleColumn[] {
  return [
    { role: "timestamp", column: orNull(form.timestampColumn) },
    { role: "sequence", column: orNull(form.sequenceColumn) },
    { role: "label", column: orNull(form.labelColumn) },
    { role: "unit", column: orNull(form.unitColumn) },
    { role: "split", column: form.splitKind === "column" ? orNull(form.splitColumn) : null },
  ];
}

/** Columns not taken by a role other than channel, in header order. */
export function channelCandidates(header: string[], form: MappingForm): string[] {
  const taken = new Set(roleColumns(form).map((r) => r.column));
  return header.filter((h) => !taken.has(h));
}

/**
 * The form with `patch` applied; a column the patch gives another role (sequence, timestamp…) leaves
 * the channels, and `note` says so (null when none did).
 */
export function updateForm(form: MappingForm, patch: Partial<MappingForm>): { form: MappingForm; note: string | null } {
  const next = { ...form, ...patch };
  const { channels, note } = withoutRoleColumns(next.channels, roleColumns(next));
  return { form: { ...next, channels }, note };
}

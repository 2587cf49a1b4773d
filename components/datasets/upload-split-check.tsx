import { splitCounts } from "@/lib/preprocess/split";
import { ratioNotes } from "@/lib/splits/ratio-notes";
import { queryWarnings, sizeWarnings } from "@/lib/splits/warnings";
import { NONE, type MappingForm } from "./upload-form";
import { SplitWarningList } from "./split-warning-list";

/**
 * What the split will look like, said before the upload: with one sequence per file the count is
 * known, so the split sizes and their warnings are; otherwise only what the ratios themselves imply.
 * The dataset page gives the full warnings (ground truth, lengths, units) after the import.
 */
export function UploadSplitCheck({ form, fileCount }: { form: MappingForm; fileCount: number }) {
  const units = form.unitColumn !== NONE;
  const after =
    "After the import, the dataset page lists the split's warnings and lets you move sequences between splits until the first detector run.";
  if (form.splitKind === "column") {
    return (
      <p className="muted" data-testid="upload.split-check">
        The split column decides each sequence&apos;s split{units ? "; units found in two splits are flagged" : ""}. {after}
      </p>
    );
  }
  const ratios = { train: Number(form.train), validation: Number(form.validation), test: Number(form.test) };
  if (![ratios.train, ratios.validation, ratios.test].every(Number.isFinite)) return null;
  const count = form.sequenceColumn === NONE ? fileCount : null;
  const notes = ratioNotes(count, ratios);
  const valid = !notes.some((n) => n.split === null);
  const sizes = count !== null && valid ? splitCounts(count, ratios) : null;
  const warnings = [...notes, ...(sizes ? sizeWarnings(sizes) : []), ...(count !== null && valid ? queryWarnings(count, null) : [])];
  const how = [
    form.labelColumn !== NONE ? "anomalous sequences (by the ground truth) are spread over the splits in proportion" : null,
    units ? "all sequences of a unit go to the same split" : null,
  ].filter((h): h is string => h !== null);
  return (
    <div data-testid="upload.split-check">
      {sizes && count !== null && (
        <p data-testid="upload.split-plan">
          {count} {count === 1 ? "sequence" : "sequences"} → {sizes.train} train / {sizes.validation} validation / {sizes.test} test
          {units ? " (or close to it, as units allow)" : ""}
        </p>
      )}
      <SplitWarningList warnings={warnings} testId="upload.split-warning" />
      <p className="muted">
        {how.length > 0 ? `Seeded split: ${how.join("; ")}. ` : ""}
        {count === null ? "The number of sequences is known once the file is read. " : ""}
        {after}
      </p>
    </div>
  );
}

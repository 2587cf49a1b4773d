import "server-only";
import { createImportSession, isImportError, prepareImport, type ImportError, type PreparedImport } from "../import";
import { AppError } from "../errors";
import { ratioNotes } from "../splits/ratio-notes";
import { splitWarnings, type SplitWarning } from "../splits/warnings";
import { unitsInChannelOrder, type ImportMapping, type ImportPhase, type ImportResult } from "../validations/dataset-import";
import { storeDataset } from "./datasets";
import { parseCsvInto } from "./import-csv";
import { assertNameFree, claimImport, loadUpload, progressWriter, releaseImport, removeUpload, stagedSources } from "./import-staging";

/**
 * A CSV import from end to end: stream every file through the parser into float32 columns,
 * preprocess (downsample, split), then store the dataset in one transaction — with, in its
 * importConfig, how the sequences were split and their units when a unit column is mapped. Nothing
 * reaches the database before every file has been read and checked, and the store is all or nothing.
 */
export type ImportSource = { name: string; size: number; open: () => AsyncIterable<Uint8Array> };

/** The split warnings of a fresh import, with the notes on ratios that could not be met as asked. */
function importWarnings(prepared: PreparedImport, mapping: ImportMapping): SplitWarning[] {
  const sequences = prepared.sequences.map((s) => ({
    split: s.split,
    length: s.columns[0]?.length ?? 0,
    anomalous: s.labels ? s.labels.includes(1) : null,
    unit: s.unit,
  }));
  const notes = mapping.split.kind === "ratios" ? ratioNotes(sequences.length, mapping.split) : [];
  return [...notes, ...splitWarnings(sequences)];
}

type Report = (phase: ImportPhase, done: number, total: number) => void;

/** ImportError → 422 (413 for size limits), with where it happened in `details`. */
export function importErrorToAppError(error: ImportError): AppError {
  return new AppError(error.code === "too_large" ? "too_large" : "invalid", error.message, error.details);
}

export async function importDataset(args: {
  mapping: ImportMapping;
  sources: ImportSource[];
  createdById: string | null;
  report?: Report;
}): Promise<ImportResult> {
  const { mapping, sources } = args;
  const report: Report = args.report ?? (() => undefined);
  try {
    const session = createImportSession(mapping);
    const total = sources.reduce((n, s) => n + s.size, 0);
    let done = 0;
    let reported = 0;
    for (const source of sources) {
      await parseCsvInto(session, source.name, source.open(), (bytes) => {
        done += bytes;
        if (done - reported >= total / 100 || done === total) report("parse", (reported = done), total);
      });
    }
    report("preprocess", 0, 1);
    const parsed = session.finish();
    const prepared = prepareImport(parsed, mapping);
    const sequences = prepared.sequences;
    report("store", 0, sequences.length);
    const { id } = await storeDataset(
      {
        name: mapping.name,
        description: mapping.description,
        samplingRate: prepared.samplingRate,
        channelNames: mapping.channels,
        channelUnits: unitsInChannelOrder(mapping.channels, mapping.channelUnits),
        sequences,
        importConfig: {
          source: "csv",
          files: sources.map((s) => ({ name: s.name, size: s.size })),
          mapping,
          rows: parsed.rows,
          sourceRate: prepared.sourceRate,
          rateSource: parsed.rateSource,
          downsampleFactor: prepared.downsampleFactor,
          missing: mapping.missing,
          splitMethod: prepared.splitMethod,
          ...(mapping.unitColumn !== null ? { units: sequences.map((s) => s.unit) } : {}),
        },
        createdById: args.createdById,
      },
      { onProgress: (stored, of) => report("store", stored, of) },
    );
    const totalSteps = sequences.reduce((n, s) => n + (s.columns[0]?.length ?? 0), 0);
    const warnings = importWarnings(prepared, mapping);
    return { datasetId: id, sequenceCount: sequences.length, totalSteps, rows: parsed.rows, samplingRate: prepared.samplingRate, warnings };
  } catch (error) {
    throw isImportError(error) ? importErrorToAppError(error) : error;
  }
}

/**
 * Imports a staged upload (all its files must have arrived), then removes it. One import per upload
 * at a time, across instances: the claim is a conditional update of the upload's row.
 */
export async function importUpload(uploadId: string, userId: string): Promise<ImportResult> {
  const staged = await loadUpload(uploadId, userId);
  if (!(await claimImport(uploadId, userId))) throw new AppError("conflict", "This upload is being imported already.");
  const progress = progressWriter(uploadId);
  try {
    await assertNameFree(staged.mapping.name);
    const sources = await stagedSources(staged);
    const result = await importDataset({ mapping: staged.mapping, sources, createdById: userId, report: progress.report });
    await progress.flush();
    await removeUpload(uploadId);
    return result;
  } catch (error) {
    await progress.flush();
    // A file that has not arrived yet can still be sent; anything else ends the upload.
    if (error instanceof AppError && error.code === "bad_request") await releaseImport(uploadId);
    else await removeUpload(uploadId);
    throw error;
  }
}

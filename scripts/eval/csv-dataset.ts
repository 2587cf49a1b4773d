/**
 * A CSV file as an evaluation dataset, read by the app's own import (the same header rules, number
 * parsing, timestamps and sampling-rate check): one file with a sequence column (or one sequence),
 * a 0/1 label column and numeric channel columns. The columns are recognised by name as the upload
 * form guesses them (timestamp/time, sequence/drive/unit…, label/anomaly…; every other numeric
 * column is a channel). Without a timestamp column, --rate gives the sampling rate. Empty cells are
 * carried forward. No downsampling.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { createImportSession, IMPORT_LIMITS, isImportError, previewCsv } from "../../lib/import";
import { parseCsvInto } from "../../lib/server/import-csv";
import { importMappingSchema } from "../../lib/validations/dataset-import";
import { DatasetError, type LoadedDataset } from "./dataset";

async function head(file: string): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const handle = await open(file, "r");
  try {
    const buffer = new Uint8Array(IMPORT_LIMITS.previewBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, bytesRead), complete: bytesRead < buffer.length };
  } finally {
    await handle.close();
  }
}

export async function loadCsvDataset(file: string, rate: number | null): Promise<LoadedDataset> {
  const name = path.basename(file);
  try {
    const { bytes, complete } = await head(file);
    const { guess } = previewCsv(bytes, name, complete);
    if (guess.labelColumn === null)
      throw new DatasetError(
        "bad_csv",
        `${name}: no label column (label, anomaly, is_anomaly, ground_truth…); the harness needs ground truth`,
      );
    if (guess.timestampColumn === null && rate === null)
      throw new DatasetError("bad_csv", `${name}: no timestamp column; give the sampling rate with --rate HZ`);
    const checked = importMappingSchema.safeParse({
      name,
      description: "",
      timestampColumn: guess.timestampColumn,
      samplingRate: guess.timestampColumn === null ? rate : null,
      sequenceColumn: guess.sequenceColumn,
      channels: guess.channels,
      labelColumn: guess.labelColumn,
      targetRate: null,
      split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
      missing: "ffill",
    });
    if (!checked.success) throw new DatasetError("bad_csv", `${name}: ${checked.error.issues.map((i) => i.message).join("; ")}`);
    const mapping = checked.data;
    const session = createImportSession(mapping);
    await parseCsvInto(session, name, createReadStream(file));
    const parsed = session.finish();
    return {
      source: "csv",
      name,
      samplingRate: parsed.samplingRate,
      channels: mapping.channels,
      sequences: parsed.sequences.map((s, i) => ({
        id: `seq-${String(i + 1).padStart(5, "0")}`,
        name: s.name,
        columns: s.columns,
        labels: s.labels,
      })),
      notes: [
        `csv ${file}: channels ${mapping.channels.join(", ")}; label column ${mapping.labelColumn}; sequence column ${mapping.sequenceColumn ?? "none (one sequence)"}; ${parsed.samplingRate} Hz (${parsed.rateSource})`,
      ],
    };
  } catch (error) {
    if (isImportError(error)) throw new DatasetError("bad_csv", error.message);
    throw error;
  }
}

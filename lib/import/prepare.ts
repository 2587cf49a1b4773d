/**
 * Preprocessing at import, as in the DQS pipeline: average down to the target rate (labels: a block
 * is anomalous when any of its steps is), then assign train / validation / test — from the split
 * column, or by ratios with a seed: units kept whole when a unit column is mapped, anomalous
 * sequences stratified over the splits when there is ground truth (see planSplits).
 */
import { downsampleByAveraging, downsampleFactor, downsampleLabels, isPreprocessError, planSplits, type SplitMethod } from "../preprocess";
import type { SequenceSeries, Split } from "../series/types";
import type { ImportMapping } from "../validations/dataset-import";
import { ImportError } from "./errors";
import type { ParsedImport } from "./finish";

export type PreparedSequence = SequenceSeries & { split: Split; startTime: number | null; unit: string | null };

export type PreparedImport = {
  /** Hz after downsampling. */
  samplingRate: number;
  sourceRate: number;
  downsampleFactor: number;
  /** How the splits were assigned: from the split column, or by ratios (see planSplits). */
  splitMethod: SplitMethod | "column";
  sequences: PreparedSequence[];
};

function factorFor(sourceRate: number, targetRate: number | null): number {
  if (targetRate === null || targetRate === sourceRate) return 1;
  try {
    return downsampleFactor(sourceRate, targetRate);
  } catch (error) {
    if (isPreprocessError(error)) {
      throw new ImportError(
        "bad_rate",
        `cannot average ${sourceRate} Hz down to ${targetRate} Hz: the target rate must divide the source rate a whole number of times`,
      );
    }
    throw error;
  }
}

type Unsplit = Omit<PreparedSequence, "split"> & { split: Split | null };

function assign(sequences: Unsplit[], mapping: ImportMapping): { splits: Split[]; method: PreparedImport["splitMethod"] } {
  const { split } = mapping;
  if (split.kind === "column") return { splits: sequences.map((s) => s.split ?? "train"), method: "column" };
  const items = sequences.map((s) => ({ anomalous: s.labels ? s.labels.includes(1) : null, unit: s.unit }));
  return planSplits(items, { train: split.train, validation: split.validation, test: split.test }, split.seed);
}

/** Downsamples and splits; the parsed columns are released sequence by sequence. */
export function prepareImport(parsed: ParsedImport, mapping: ImportMapping): PreparedImport {
  const factor = factorFor(parsed.samplingRate, mapping.targetRate);
  const unsplit = parsed.sequences.map((s): Unsplit => {
    const columns = factor > 1 ? downsampleByAveraging(s.columns, factor) : s.columns;
    const labels = s.labels && factor > 1 ? downsampleLabels(s.labels, factor) : s.labels;
    return { name: s.name, columns, ...(labels ? { labels } : {}), split: s.split, startTime: s.startTime, unit: s.unit };
  });
  parsed.sequences.length = 0;
  const { splits, method } = assign(unsplit, mapping);
  if (!splits.includes("train")) {
    throw new ImportError("no_train", "no sequence is in the training split; a detector needs training data");
  }
  return {
    samplingRate: factor > 1 ? (mapping.targetRate ?? parsed.samplingRate) : parsed.samplingRate,
    sourceRate: parsed.samplingRate,
    downsampleFactor: factor,
    splitMethod: method,
    sequences: unsplit.map((s, i) => ({ ...s, split: splits[i] ?? "train" })),
  };
}

/**
 * Preprocessing at import, as in the DQS pipeline: average down to the target rate (labels: a block
 * is anomalous when any of its steps is), then assign train / validation / test — from the split
 * column, or by ratios with a seed.
 */
import { assignSplits, downsampleByAveraging, downsampleFactor, downsampleLabels, isPreprocessError } from "../preprocess";
import type { SequenceSeries, Split } from "../series";
import type { ImportMapping } from "../validations/dataset-import";
import { ImportError } from "./errors";
import type { ParsedImport } from "./finish";

export type PreparedSequence = SequenceSeries & { split: Split; startTime: number | null };

export type PreparedImport = {
  /** Hz after downsampling. */
  samplingRate: number;
  sourceRate: number;
  downsampleFactor: number;
  sequences: PreparedSequence[];
};

function factorFor(sourceRate: number, targetRate: number | null): number {
  if (targetRate === null || targetRate === sourceRate) return 1;
  try {
    return downsampleFactor(sourceRate, targetRate);
  } catch (error) {
    if (isPreprocessError(error)) {
      throw new ImportError("bad_rate", `cannot average ${sourceRate} Hz down to ${targetRate} Hz: the target rate must divide the source rate a whole number of times`);
    }
    throw error;
  }
}

function splitsFor(parsed: ParsedImport, mapping: ImportMapping): Split[] {
  const { split } = mapping;
  if (split.kind === "ratios") {
    return assignSplits(parsed.sequences.length, { train: split.train, validation: split.validation, test: split.test }, split.seed);
  }
  return parsed.sequences.map((s) => s.split ?? "train");
}

/** Downsamples and splits; the parsed columns are released sequence by sequence. */
export function prepareImport(parsed: ParsedImport, mapping: ImportMapping): PreparedImport {
  const factor = factorFor(parsed.samplingRate, mapping.targetRate);
  const splits = splitsFor(parsed, mapping);
  if (!splits.includes("train")) {
    throw new ImportError("no_train", "no sequence is in the training split; a detector needs training data");
  }
  const sequences = parsed.sequences.map((s, i): PreparedSequence => {
    const columns = factor > 1 ? downsampleByAveraging(s.columns, factor) : s.columns;
    const labels = s.labels && factor > 1 ? downsampleLabels(s.labels, factor) : s.labels;
    return { name: s.name, columns, ...(labels ? { labels } : {}), split: splits[i] ?? "train", startTime: s.startTime };
  });
  parsed.sequences.length = 0;
  return {
    samplingRate: factor > 1 ? (mapping.targetRate ?? parsed.samplingRate) : parsed.samplingRate,
    sourceRate: parsed.samplingRate,
    downsampleFactor: factor,
    sequences,
  };
}

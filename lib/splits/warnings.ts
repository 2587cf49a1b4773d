/**
 * What an admin should know about a dataset's train / validation / test split before the first run:
 * an empty or tiny split, a split without any anomalous sequence (by the ground truth), sequences too
 * few or too long to query whole, and units whose sequences span two splits. Pure: the import, the
 * upload form and the dataset page (also while its splits are being edited) say the same.
 */
import { SPLITS, type Split } from "../series/types";

/** A test split with fewer sequences than this gives figures too coarse to trust. */
export const MIN_TEST_SEQUENCES = 5;
/** Fewer sequences than this make a small pool to query whole sequences from. */
export const FEW_SEQUENCES = 30;
/** A typical detector window, in steps. */
export const TYPICAL_WINDOW = 64;
/** Sequences longer than this many typical windows (median) are long to read whole. */
export const LONG_IN_WINDOWS = 20;

export type SplitWarningCode =
  "empty_split" | "small_test" | "no_anomalies" | "no_anomalies_at_all" | "few_long" | "unit_leak" | "ratio_adjusted";

export type SplitWarning = { code: SplitWarningCode; split: Split | null; message: string };

/** One sequence as the warnings see it: anomalous is null without ground truth (or for a role that may not see it). */
export type SplitSequence = { split: Split; length: number; anomalous: boolean | null; unit: string | null };

export type SplitSizes = Record<Split, number>;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Empty validation or test split, and a test split of fewer than MIN_TEST_SEQUENCES. */
export function sizeWarnings(sizes: SplitSizes): SplitWarning[] {
  const out: SplitWarning[] = [];
  if (sizes.validation === 0) {
    out.push({
      code: "empty_split",
      split: "validation",
      message:
        "The validation split is empty: a run has nothing to stop early on and no validation scores to set the unsupervised threshold from, so it ends in an error. Move at least one sequence to validation.",
    });
  }
  if (sizes.test === 0) {
    out.push({ code: "empty_split", split: "test", message: "The test split is empty: nothing is held out to evaluate the detector on." });
  } else if (sizes.test < MIN_TEST_SEQUENCES) {
    out.push({
      code: "small_test",
      split: "test",
      message: `The test split holds only ${plural(sizes.test, "sequence")} (fewer than ${MIN_TEST_SEQUENCES}): precision, recall and F1 measured on it rest on too few sequences to trust.`,
    });
  }
  return out;
}

const WITHOUT_ANOMALIES: Record<Split, string> = {
  train: "all of them are in validation and test, so training sees a different kind of data than the rest.",
  validation: "early stopping and the unsupervised threshold never see how anomalies score.",
  test: "recall and F1 on the test split cannot be measured.",
};

/** Splits without any anomalous sequence, when the ground truth has some; nothing without ground truth. */
export function anomalyWarnings(sequences: readonly SplitSequence[]): SplitWarning[] {
  if (!sequences.some((s) => s.anomalous !== null)) return [];
  const anomalous = sequences.filter((s) => s.anomalous === true);
  if (anomalous.length === 0) {
    return [
      {
        code: "no_anomalies_at_all",
        split: null,
        message: "The ground truth marks no sequence as anomalous: there is nothing to evaluate detection against.",
      },
    ];
  }
  return SPLITS.filter((split) => sequences.some((s) => s.split === split) && !anomalous.some((s) => s.split === split)).map((split) => ({
    code: "no_anomalies" as const,
    split,
    message: `The ${split} split holds none of the ${plural(anomalous.length, "anomalous sequence")} (by the ground truth): ${WITHOUT_ANOMALIES[split]}`,
  }));
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return null;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A segment length to suggest: about a quarter of the median length as a power of two, at least two typical windows. */
export function suggestedSegment(medianLength: number): number {
  return Math.max(2 * TYPICAL_WINDOW, 2 ** Math.floor(Math.log2(Math.max(1, medianLength / 4))));
}

/**
 * Few sequences (< FEW_SEQUENCES) or long ones (median > LONG_IN_WINDOWS typical windows): whole
 * sequences make a poor query pool, segments a better one. `medianLength` null when not known yet.
 */
export function queryWarnings(count: number, medianLength: number | null): SplitWarning[] {
  const few = count > 0 && count < FEW_SEQUENCES;
  const long = medianLength !== null && medianLength > LONG_IN_WINDOWS * TYPICAL_WINDOW;
  if (!few && !long) return [];
  const what = [
    few ? `only ${plural(count, "sequence")}` : null,
    medianLength !== null
      ? `a median length of ${plural(Math.round(medianLength), "step")}${long ? ` (over ${LONG_IN_WINDOWS} windows of ${TYPICAL_WINDOW} steps)` : ""}`
      : null,
  ].filter((p): p is string => p !== null);
  const segment =
    medianLength !== null && medianLength >= 4 * TYPICAL_WINDOW
      ? ` (Segment length on a run's page, e.g. ${suggestedSegment(medianLength)} steps)`
      : " (Segment length on a run's page)";
  return [
    {
      code: "few_long",
      split: null,
      message: `${few && long ? "Few and long sequences" : few ? "Few sequences" : "Long sequences"}: ${what.join(", ")}. Querying whole sequences gives the experts ${few ? "few candidates to choose from" : "long stretches to read"}; query segments instead${segment}.`,
    },
  ];
}

/** Units whose sequences are in more than one split. */
export function unitWarnings(sequences: readonly SplitSequence[]): SplitWarning[] {
  const splitsOf = new Map<string, Set<Split>>();
  for (const s of sequences) if (s.unit !== null) splitsOf.set(s.unit, (splitsOf.get(s.unit) ?? new Set()).add(s.split));
  const leaking = [...splitsOf].filter(([, set]) => set.size > 1);
  if (leaking.length === 0) return [];
  const shown = leaking.slice(0, 3).map(([unit, set]) => `${JSON.stringify(unit)} (${SPLITS.filter((s) => set.has(s)).join(", ")})`);
  const more = leaking.length > 3 ? ` and ${leaking.length - 3} more` : "";
  return [
    {
      code: "unit_leak",
      split: null,
      message: `${leaking.length === 1 ? "A unit has" : `${leaking.length} units have`} sequences in more than one split — ${shown.join(", ")}${more}: what the detector learns of a unit leaks into its evaluation. Put each unit's sequences in one split.`,
    },
  ];
}

export function sizesOf(sequences: readonly { split: Split }[]): SplitSizes {
  const sizes: SplitSizes = { train: 0, validation: 0, test: 0 };
  for (const s of sequences) sizes[s.split]++;
  return sizes;
}

/** Every warning about the split of these sequences, most pressing first. */
export function splitWarnings(sequences: readonly SplitSequence[]): SplitWarning[] {
  return [
    ...sizeWarnings(sizesOf(sequences)),
    ...unitWarnings(sequences),
    ...anomalyWarnings(sequences),
    ...queryWarnings(sequences.length, median(sequences.map((s) => s.length))),
  ];
}

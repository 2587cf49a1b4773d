/**
 * Split ratios that cannot be met as asked, said in words instead of silently: a train ratio of 0
 * (a detector needs training data, so one sequence goes to train anyway), a validation sequence
 * taken from another split, a ratio above 0 that leaves its split empty for this many sequences.
 * Pure: the upload form says it before the import, the dataset page after it.
 */
import { largestRemainder, splitCounts, validateSplitRatios, type SplitRatios } from "../preprocess/split";
import { SPLITS, type Split } from "../series/types";
import type { SplitWarning } from "./warnings";

const percent = (r: number) => `${+(r * 100).toFixed(1)} %`;
const sequences = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "sequence" : "sequences"}`;

const WHY: Partial<Record<Split, string>> = {
  train: "a detector needs training data",
  validation: "early stopping and the unsupervised threshold need one",
};

function note(split: Split | null, message: string): SplitWarning {
  return { code: "ratio_adjusted", split, message };
}

/** What the ratios imply whatever the count: a ratio of 0 for a split. */
function zeroRatioNotes(ratios: SplitRatios): SplitWarning[] {
  const out: SplitWarning[] = [];
  if (ratios.train === 0) out.push(note("train", `A train ratio of 0 is refused: ${WHY.train}; give train a share above 0.`));
  if (ratios.validation === 0)
    out.push(
      note("validation", "A validation ratio of 0 leaves the validation split empty: runs then end without an unsupervised threshold."),
    );
  if (ratios.test === 0) out.push(note("test", "A test ratio of 0 holds nothing out to evaluate the detector on."));
  return out;
}

/**
 * Notes on how `ratios` work out for `count` sequences (null: the count is not known yet, e.g. one
 * file with a sequence column before the import). Invalid ratios give one note saying so.
 */
export function ratioNotes(count: number | null, ratios: SplitRatios): SplitWarning[] {
  try {
    validateSplitRatios(ratios);
  } catch (error) {
    return [note(null, error instanceof Error ? `The split ratios are invalid: ${error.message}.` : "The split ratios are invalid.")];
  }
  if (count === null || ratios.train === 0) return zeroRatioNotes(ratios);
  if (count === 0) return [];
  const asked = largestRemainder(count, ratios);
  const final = splitCounts(count, ratios);
  const out: SplitWarning[] = [];
  for (const split of SPLITS) {
    const added = final[split] - asked[split];
    if (added > 0) {
      out.push(
        note(
          split,
          `${percent(ratios[split])} ${split} of ${sequences(count)} is ${asked[split]}; ${sequences(added)} went to ${split} anyway, because ${WHY[split] ?? "a minimum applies"}.`,
        ),
      );
    }
  }
  for (const split of SPLITS) {
    if (ratios[split] > 0 && final[split] === 0) {
      const taken =
        asked[split] > 0 ? ` (${sequences(asked[split])} went to ${SPLITS.filter((s) => final[s] > asked[s]).join(" and ")} instead)` : "";
      out.push(
        note(split, `The ${split} ratio is ${percent(ratios[split])}, but with ${sequences(count)} none is left for ${split}${taken}.`),
      );
    }
  }
  return out;
}

/**
 * Changes an admin makes to a dataset's splits before its first run: checked (known sequences, a
 * training split left, units moved whole) and applied, and the move of a whole unit that the editor
 * makes when one of its sequences changes split. Pure: the editor and the route handler share it.
 */
import type { Split } from "../series/types";

export type EditableSequence = { id: string; split: Split; unit: string | null };
export type SplitChange = { sequenceId: string; split: Split };

export type SplitChangeProblem = "unknown_sequence" | "no_train" | "unit_split";

export type AppliedSplitChanges =
  | {
      ok: true;
      /** Every sequence's split after the changes, by id. */
      splits: Map<string, Split>;
      /** The changes that really change something. */
      changed: SplitChange[];
      /** Whether the set of training sequences changed (then the training statistics must be recomputed). */
      trainChanged: boolean;
    }
  | { ok: false; problem: SplitChangeProblem; message: string };

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}…` : s);

export function applySplitChanges(sequences: readonly EditableSequence[], changes: readonly SplitChange[]): AppliedSplitChanges {
  const byId = new Map(sequences.map((s) => [s.id, s]));
  const unknown = changes.filter((c) => !byId.has(c.sequenceId)).map((c) => c.sequenceId);
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: "unknown_sequence",
      message: `The dataset has no sequence ${unknown.slice(0, 3).map(quote).join(", ")}${unknown.length > 3 ? ` (and ${unknown.length - 3} more)` : ""}.`,
    };
  }
  const splits = new Map(sequences.map((s) => [s.id, s.split]));
  for (const c of changes) splits.set(c.sequenceId, c.split);
  const changed = changes.filter((c) => byId.get(c.sequenceId)?.split !== c.split);
  if (![...splits.values()].includes("train")) {
    return { ok: false, problem: "no_train", message: "At least one sequence must stay in train: a detector needs training data." };
  }
  const touchedUnits = new Set(changed.flatMap((c) => byId.get(c.sequenceId)?.unit ?? []));
  for (const unit of touchedUnits) {
    const members = sequences.filter((s) => s.unit === unit);
    const unitSplits = new Set(members.map((s) => splits.get(s.id)));
    if (unitSplits.size > 1) {
      return {
        ok: false,
        problem: "unit_split",
        message: `Unit ${quote(unit)} would be in ${[...unitSplits].join(" and ")}: move all ${members.length} of its sequences to one split together.`,
      };
    }
  }
  const trainChanged = changed.some((c) => (byId.get(c.sequenceId)?.split === "train") !== (c.split === "train"));
  return { ok: true, splits, changed, trainChanged };
}

/**
 * The pending splits after moving one sequence to `split`, with every other sequence of its unit
 * (units stay whole). `pending` maps ids to splits that differ from the stored ones; a sequence moved
 * back to its stored split leaves it.
 */
export function moveSequence(
  sequences: readonly EditableSequence[],
  pending: ReadonlyMap<string, Split>,
  sequenceId: string,
  split: Split,
): Map<string, Split> {
  const target = sequences.find((s) => s.id === sequenceId);
  const next = new Map(pending);
  if (!target) return next;
  const moving = target.unit === null ? [target] : sequences.filter((s) => s.unit === target.unit);
  for (const s of moving) {
    if (s.split === split) next.delete(s.id);
    else next.set(s.id, split);
  }
  return next;
}

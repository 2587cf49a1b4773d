/**
 * How well a stage's model separates anomalous from normal sequences, whatever the threshold: the
 * ROC AUC of the per-sequence maximum score (the statistic an alarm at any threshold looks at), on
 * the test split and on the query pool (validation by default, train too when opted in), candidate by
 * candidate (segments when the run queries segments). 1 = every anomalous candidate peaks above every
 * normal one; 0.5 = chance. A gap between the two shows how far labels bought in the pool can tell
 * about the test split (in-sample candidates score low).
 */
import { meanStd, type Stat } from "./aggregate";
import type { StageInput } from "./simulate";
import { maxOf } from "./stage";
import { formatStage } from "./table";

/** Mann–Whitney AUC: P(positive > negative) + ½ P(tie); null without a positive or a negative. NaN maxima count as −∞. */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const clean = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const all = [...positives.map((v) => ({ v: clean(v), pos: true })), ...negatives.map((v) => ({ v: clean(v), pos: false }))].sort(
    (a, b) => a.v - b.v || 0,
  );
  // Sum of the positives' mid-ranks (1-based; ties share the mean of their ranks).
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]?.v === all[i]?.v) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]?.pos) rankSum += midRank;
    i = j;
  }
  const p = positives.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives.length);
}

/** AUC of the per-sequence maxima, anomalous against normal. */
function aucOf(sequences: readonly { anomalous: boolean; max: number }[]): number | null {
  return rocAuc(
    sequences.filter((s) => s.anomalous).map((s) => s.max),
    sequences.filter((s) => !s.anomalous).map((s) => s.max),
  );
}

export type SeparabilityRecord = { stage: number; fold: number; test: number | null; pool: number | null };

export function stageSeparability(input: StageInput, fold: number): SeparabilityRecord {
  const pool = input.pool.map((c) => ({ anomalous: input.truth.get(c.key)?.anomalous ?? false, max: c.maxScore ?? maxOf(c.scores) }));
  const test = input.test.map((c) => ({ anomalous: c.anomalous, max: maxOf(c.scores) }));
  return { stage: input.fraction, fold, test: aucOf(test), pool: aucOf(pool) };
}

export type SeparabilityRow = { stage: number; n: number; test: Stat | null; pool: Stat | null };

/** Mean ± std over folds, per stage (ascending). */
export function aggregateSeparability(records: readonly SeparabilityRecord[]): SeparabilityRow[] {
  const stages = [...new Set(records.map((r) => r.stage))].sort((a, b) => a - b);
  return stages.map((stage) => {
    const at = records.filter((r) => r.stage === stage);
    const stat = (values: (number | null)[]) => {
      const present = values.filter((v): v is number => v !== null);
      return present.length === 0 ? null : meanStd(present);
    };
    return { stage, n: at.length, test: stat(at.map((r) => r.test)), pool: stat(at.map((r) => r.pool)) };
  });
}

/** One line per stage, for the harness's summary. */
export function describeSeparability(rows: readonly SeparabilityRow[]): string[] {
  if (rows.length === 0) return [];
  const f = (s: Stat | null) => (s === null ? "—" : `${s.mean.toFixed(2)} ± ${s.std.toFixed(2)}`);
  return [
    "detector separability (ROC AUC of each candidate's max score, mean ± std over folds; 0.5 = chance):",
    ...rows.map((r) => `  ${formatStage(r.stage).padEnd(7)} test ${f(r.test)}, query pool ${f(r.pool)}`),
  ];
}

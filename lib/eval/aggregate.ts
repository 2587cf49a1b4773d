/**
 * Aggregation of run outcomes into report rows: one row per (stage, strategy, budget, mislabel)
 * over its (seed, fold) runs, and per stage one row per baseline (over its folds: baselines do not
 * depend on the seed). Mean ± sample standard deviation (n − 1; 0 for a single run). The delay is
 * averaged over the runs that have one (a run without a true positive has no delay); null when none.
 * Rows come in a fixed order: stage; baselines, then strategies in the given order; budget; mislabel.
 */
import { BASELINES, type ReportRow } from "./report";
import type { Outcome } from "./simulate";

export type RunRecord = {
  /** Stage fraction. */
  stage: number;
  strategy: string;
  /** Cumulative labels bought (budgetPerStage × stages so far); null for a baseline. */
  budget: number | null;
  budgetPerStage: number | null;
  mislabel: number | null;
  seed: number;
  fold: number;
  outcome: Outcome;
};

export type Stat = { mean: number; std: number };

/** Mean and sample standard deviation; throws on an empty list (a row always has a run). */
export function meanStd(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) throw new RangeError("meanStd of no values");
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { mean, std: 0 };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (n - 1)) };
}

function optionalMeanStd(values: readonly (number | null)[]): { mean: number | null; std: number | null } {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? { mean: null, std: null } : meanStd(present);
}

const keyOf = (r: RunRecord) => JSON.stringify([r.stage, r.strategy, r.budget, r.mislabel]);

function rowOf(group: readonly RunRecord[]): ReportRow {
  const first = group[0];
  if (!first) throw new RangeError("a row needs at least one run");
  const pick = (f: (o: Outcome) => number) => meanStd(group.map((r) => f(r.outcome)));
  return {
    stage: first.stage,
    strategy: first.strategy,
    budget: first.budget,
    mislabel: first.mislabel,
    n: group.length,
    f1: pick((o) => o.f1),
    precision: pick((o) => o.precision),
    recall: pick((o) => o.recall),
    delay: optionalMeanStd(group.map((r) => r.outcome.delay)),
    threshold: pick((o) => o.threshold),
    labels: pick((o) => o.labels),
    budgetPerStage: first.budgetPerStage,
    refined: group.filter((r) => r.outcome.refined).length / group.length,
  };
}

/** Sort rank of a strategy: baselines first, then the strategies in `order`, then anything else by name. */
function rankOf(strategy: string, order: readonly string[]): number {
  const b = (BASELINES as readonly string[]).indexOf(strategy);
  if (b >= 0) return b;
  const s = order.indexOf(strategy);
  return s >= 0 ? BASELINES.length + s : BASELINES.length + order.length;
}

const nullsFirst = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

export function aggregateRecords(records: readonly RunRecord[], strategyOrder: readonly string[]): ReportRow[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = keyOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()]
    .map(rowOf)
    .sort(
      (a, b) =>
        a.stage - b.stage ||
        rankOf(a.strategy, strategyOrder) - rankOf(b.strategy, strategyOrder) ||
        a.strategy.localeCompare(b.strategy) ||
        nullsFirst(a.budget, b.budget) ||
        nullsFirst(a.mislabel, b.mislabel),
    );
}

/**
 * Sanity checks read off the report rows (printed under the table): does a refined threshold beat
 * the unsupervised one once a few labels are bought, does "best" bound every row from above, and
 * how does DQS compare with random querying. They describe; they do not fail the run.
 */
import type { ReportRow } from "./report";
import type { SeparabilityRow } from "./separability";
import { formatStage } from "./table";

export type Comparison = { wins: number; ties: number; losses: number };

const EPS = 1e-9;

function compare(a: number, b: number, c: Comparison): void {
  if (a > b + EPS) c.wins++;
  else if (a < b - EPS) c.losses++;
  else c.ties++;
}

const isBaseline = (r: ReportRow) => r.budget === null;
const baseline = (rows: readonly ReportRow[], stage: number, name: string) => rows.find((r) => r.stage === stage && r.strategy === name);

/** Strategy rows with budget ≥ minBudget (and, when given, this mislabel rate) against the unsupervised row of their stage (mean F1). */
export function refinedVsUnsupervised(
  rows: readonly ReportRow[],
  minBudget = 5,
  mislabel?: number,
  only: (r: ReportRow) => boolean = () => true,
): Comparison {
  const c: Comparison = { wins: 0, ties: 0, losses: 0 };
  for (const r of rows) {
    const u = baseline(rows, r.stage, "unsupervised");
    if (!isBaseline(r) && (r.budget ?? 0) >= minBudget && (mislabel === undefined || r.mislabel === mislabel) && u && only(r))
      compare(r.f1.mean, u.f1.mean, c);
  }
  return c;
}

/** Whether labels could refine anything at this row's stage: some fold's "best" (every pool label known) was refined, i.e. its pool held an anomalous candidate. */
export function refinable(rows: readonly ReportRow[], r: ReportRow): boolean {
  const best = baseline(rows, r.stage, "best");
  return best?.refined === undefined || best.refined > 0;
}

/** Rows (budget ≥ minBudget, correct expert) whose mean F1 is 0 where the unsupervised threshold's is above 0. */
export function fallsToZero(rows: readonly ReportRow[], minBudget = 5): ReportRow[] {
  return rows.filter((r) => {
    const u = baseline(rows, r.stage, "unsupervised");
    return !isBaseline(r) && (r.budget ?? 0) >= minBudget && r.mislabel === 0 && u !== undefined && u.f1.mean > EPS && r.f1.mean <= EPS;
  });
}

/** Per stage whose mean test AUC is ≥ minAuc: best's mean F1 as a share of the oracle's. */
export function bestVsOracle(
  rows: readonly ReportRow[],
  separability: readonly SeparabilityRow[],
  minAuc = 0.95,
): { stage: number; auc: number; ratio: number | null }[] {
  return separability.flatMap((s) => {
    if (!s.test || s.test.mean < minAuc) return [];
    const best = baseline(rows, s.stage, "best");
    const oracle = baseline(rows, s.stage, "oracle");
    if (!best || !oracle) return [];
    return [{ stage: s.stage, auc: s.test.mean, ratio: oracle.f1.mean > EPS ? best.f1.mean / oracle.f1.mean : null }];
  });
}

/** The rows a ceiling is checked against: every row but the ceilings themselves (the oracle is above "best" by design). */
const belowCeilings = (rows: readonly ReportRow[]) => rows.filter((r) => r.strategy !== "best" && r.strategy !== "oracle");

/** Rows whose mean F1 is above the `ceiling` baseline row ("best" or "oracle") of their stage. */
export function aboveBaseline(rows: readonly ReportRow[], ceiling: "best" | "oracle"): ReportRow[] {
  return belowCeilings(rows).filter((r) => {
    const top = baseline(rows, r.stage, ceiling);
    return top !== undefined && r.f1.mean > top.f1.mean + EPS;
  });
}

/** Mean F1 difference a − b over the (stage, budget, mislabel) cells both strategies have, and the tally. */
export function strategyDifference(
  rows: readonly ReportRow[],
  a: string,
  b: string,
): Comparison & { meanDiff: number | null; cells: number } {
  const c: Comparison = { wins: 0, ties: 0, losses: 0 };
  let sum = 0;
  let cells = 0;
  for (const r of rows.filter((x) => x.strategy === a)) {
    const other = rows.find((x) => x.strategy === b && x.stage === r.stage && x.budget === r.budget && x.mislabel === r.mislabel);
    if (!other) continue;
    compare(r.f1.mean, other.f1.mean, c);
    sum += r.f1.mean - other.f1.mean;
    cells++;
  }
  return { ...c, meanDiff: cells > 0 ? sum / cells : null, cells };
}

const tally = (c: Comparison) => `${c.wins} better, ${c.ties} equal, ${c.losses} worse`;

export function describeChecks(
  rows: readonly ReportRow[],
  strategies: readonly string[],
  separability: readonly SeparabilityRow[] = [],
): string[] {
  const lines: string[] = [];
  const refined = refinedVsUnsupervised(rows);
  if (refined.wins + refined.ties + refined.losses > 0) {
    lines.push(`refined (budget ≥ 5) vs unsupervised, mean F1 per row: ${tally(refined)}`);
  }
  const correct = refinedVsUnsupervised(rows, 5, 0, (r) => refinable(rows, r));
  const total = correct.wins + correct.ties + correct.losses;
  const stuck = refinedVsUnsupervised(rows, 5, 0, (r) => !refinable(rows, r));
  const stuckTotal = stuck.wins + stuck.ties + stuck.losses;
  if (total + stuckTotal > 0) {
    const zero = fallsToZero(rows);
    lines.push(
      `with a correct expert: refined beats unsupervised in ${correct.wins} of ${total} rows (${total > 0 ? ((100 * correct.wins) / total).toFixed(0) : "—"} %; ${correct.ties} equal, ${correct.losses} worse)` +
        (stuckTotal > 0
          ? ` where the pool held an anomalous candidate; ${stuckTotal} more at stages whose pools held none (the unsupervised threshold stays)`
          : "") +
        `; ${zero.length === 0 ? "no row falls to F1 0 where unsupervised is above 0" : `${zero.length} row(s) fall to F1 0 where unsupervised is above 0`}`,
    );
  }
  for (const b of bestVsOracle(rows, separability)) {
    lines.push(
      `test AUC ${b.auc.toFixed(2)} at ${formatStage(b.stage)}: best reaches ${b.ratio === null ? "—" : `${(100 * b.ratio).toFixed(0)} %`} of the oracle's F1`,
    );
  }
  const describe = (list: readonly ReportRow[]) =>
    `${list
      .slice(0, 6)
      .map((r) => `${r.strategy}/${r.budget ?? "—"}/${r.mislabel ?? "—"} at ${formatStage(r.stage)}`)
      .join(", ")}${list.length > 6 ? ", …" : ""}`;
  const above = aboveBaseline(rows, "best");
  lines.push(
    above.length === 0
      ? `"best" bounds every row from above (mean F1)`
      : `"best" is exceeded by ${above.length} of ${belowCeilings(rows).length} row(s): ${describe(above)} (best is fitted on train + validation, not on test)`,
  );
  if (rows.some((r) => r.strategy === "oracle")) {
    const aboveOracle = aboveBaseline(rows, "oracle");
    lines.push(
      aboveOracle.length === 0
        ? `"oracle" bounds every row from above (mean F1)`
        : `"oracle" is exceeded by ${aboveOracle.length} row(s), which cannot be: ${describe(aboveOracle)}`,
    );
  }
  for (const other of strategies.filter((s) => s !== "dqs")) {
    if (!strategies.includes("dqs")) break;
    const d = strategyDifference(rows, "dqs", other);
    if (d.meanDiff === null) continue;
    lines.push(
      `dqs vs ${other}: mean F1 difference ${d.meanDiff >= 0 ? "+" : ""}${d.meanDiff.toFixed(3)} over ${d.cells} cells (${tally(d)})`,
    );
  }
  return lines;
}

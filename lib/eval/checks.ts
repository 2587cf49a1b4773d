/**
 * Sanity checks read off the report rows (printed under the table): does a refined threshold beat
 * the unsupervised one once a few labels are bought, does "best" bound every row from above, and
 * how does DQS compare with random querying. They describe; they do not fail the run.
 */
import type { ReportRow } from "./report";
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

/** Strategy rows with budget ≥ minBudget against the unsupervised row of their stage (mean F1). */
export function refinedVsUnsupervised(rows: readonly ReportRow[], minBudget = 5): Comparison {
  const c: Comparison = { wins: 0, ties: 0, losses: 0 };
  for (const r of rows) {
    const u = baseline(rows, r.stage, "unsupervised");
    if (!isBaseline(r) && (r.budget ?? 0) >= minBudget && u) compare(r.f1.mean, u.f1.mean, c);
  }
  return c;
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
export function strategyDifference(rows: readonly ReportRow[], a: string, b: string): Comparison & { meanDiff: number | null; cells: number } {
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

export function describeChecks(rows: readonly ReportRow[], strategies: readonly string[]): string[] {
  const lines: string[] = [];
  const refined = refinedVsUnsupervised(rows);
  if (refined.wins + refined.ties + refined.losses > 0) {
    lines.push(`refined (budget ≥ 5) vs unsupervised, mean F1 per row: ${tally(refined)}`);
  }
  const describe = (list: readonly ReportRow[]) =>
    `${list.slice(0, 6).map((r) => `${r.strategy}/${r.budget ?? "—"}/${r.mislabel ?? "—"} at ${formatStage(r.stage)}`).join(", ")}${list.length > 6 ? ", …" : ""}`;
  const above = aboveBaseline(rows, "best");
  lines.push(
    above.length === 0
      ? `"best" bounds every row from above (mean F1)`
      : `"best" is exceeded by ${above.length} of ${belowCeilings(rows).length} row(s): ${describe(above)} (best is fitted on train + validation, not on test)`,
  );
  if (rows.some((r) => r.strategy === "oracle")) {
    const aboveOracle = aboveBaseline(rows, "oracle");
    lines.push(aboveOracle.length === 0 ? `"oracle" bounds every row from above (mean F1)` : `"oracle" is exceeded by ${aboveOracle.length} row(s), which cannot be: ${describe(aboveOracle)}`);
  }
  for (const other of strategies.filter((s) => s !== "dqs")) {
    if (!strategies.includes("dqs")) break;
    const d = strategyDifference(rows, "dqs", other);
    if (d.meanDiff === null) continue;
    lines.push(`dqs vs ${other}: mean F1 difference ${d.meanDiff >= 0 ? "+" : ""}${d.meanDiff.toFixed(3)} over ${d.cells} cells (${tally(d)})`);
  }
  return lines;
}

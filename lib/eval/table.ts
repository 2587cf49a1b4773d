/**
 * The report rows as a plain-text table for the terminal: one block per stage, mean ± std of F1,
 * precision, recall, delay (seconds) and threshold, plus n and the labels actually bought.
 */
import type { ReportRow } from "./report";

type Column = { title: string; align: "left" | "right"; cell(row: ReportRow): string };

const dash = "—";

export function formatStat(stat: { mean: number | null; std: number | null }, digits = 2): string {
  if (stat.mean === null) return dash;
  return `${stat.mean.toFixed(digits)} ± ${(stat.std ?? 0).toFixed(digits)}`;
}

export function formatStage(stage: number): string {
  return stage === 1 ? "all" : `${+(stage * 100).toFixed(1)} %`;
}

const COLUMNS: Column[] = [
  { title: "strategy", align: "left", cell: (r) => r.strategy },
  { title: "budget", align: "right", cell: (r) => (r.budget === null ? dash : String(r.budget)) },
  { title: "mislabel", align: "right", cell: (r) => (r.mislabel === null ? dash : r.mislabel.toFixed(2)) },
  { title: "n", align: "right", cell: (r) => String(r.n) },
  { title: "labels", align: "right", cell: (r) => (r.labels ? r.labels.mean.toFixed(1) : dash) },
  { title: "F1", align: "right", cell: (r) => formatStat(r.f1) },
  { title: "precision", align: "right", cell: (r) => formatStat(r.precision) },
  { title: "recall", align: "right", cell: (r) => formatStat(r.recall) },
  { title: "delay (s)", align: "right", cell: (r) => formatStat(r.delay, 0) },
  { title: "threshold", align: "right", cell: (r) => formatStat(r.threshold, 1) },
];

/** Aligned text, one block per stage with its own header line. */
export function formatTable(rows: readonly ReportRow[]): string {
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((line) => (line[i] ?? "").length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (COLUMNS[i]?.align === "left" ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  let stage: number | null = null;
  rows.forEach((row, i) => {
    if (row.stage !== stage) {
      stage = row.stage;
      if (out.length > 0) out.push("");
      out.push(`stage: ${formatStage(row.stage)} of the training data`);
      out.push(line(COLUMNS.map((c) => c.title)));
    }
    out.push(line(cells[i] ?? []));
  });
  return out.join("\n");
}

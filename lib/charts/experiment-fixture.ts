/**
 * A small, fully known experiment report for the tests of the Experiments page's pure helpers:
 * two stages (0.5, 1), two strategies (dqs, random), budgets 5 and 10, mislabel rates 0 and 0.1.
 */
import { parseReport, type ExperimentReport, type ReportRow } from "../eval/report";

const s = (mean: number, std: number) => ({ mean, std });

function row(
  stage: number,
  strategy: string,
  budget: number | null,
  mislabel: number | null,
  f1: number,
  delay: number | null = 2,
): ReportRow {
  return {
    stage,
    strategy,
    budget,
    mislabel,
    n: 6,
    f1: s(f1, 0.05),
    precision: s(Math.min(1, f1 + 0.1), 0.02),
    recall: s(Math.max(0, f1 - 0.1), 0.03),
    delay: { mean: delay, std: delay === null ? null : 0.5 },
    threshold: s(10 + f1, 1),
  };
}

export function knownReport(): ExperimentReport {
  const rows: ReportRow[] = [];
  for (const stage of [0.5, 1]) {
    rows.push(
      row(stage, "unsupervised", null, null, 0.4 * stage + 0.1),
      row(stage, "best", null, null, 0.9),
      row(stage, "oracle", null, null, 0.95),
    );
    for (const mislabel of [0, 0.1]) {
      for (const budget of [5, 10]) {
        const base = stage * 0.5 + budget / 50 - mislabel;
        rows.push(row(stage, "dqs", budget, mislabel, base + 0.1), row(stage, "random", budget, mislabel, base, budget === 5 ? null : 3));
      }
    }
  }
  // Shuffled on purpose: the helpers must not rely on the harness's order.
  rows.reverse();
  return parseReport({
    version: 1,
    id: "known",
    name: "Known report",
    createdAt: "2026-11-22T10:00:00.000Z",
    finishedAt: "2026-11-22T10:03:05.000Z",
    status: "done",
    progress: { done: 8, total: 8, phase: "done" },
    dataset: { source: "demo", name: "PATH demo", sequences: 16, channels: 8, samplingRate: 2, anomalous: 3 },
    settings: {
      detector: "lstm-ae",
      detectorOptions: { hidden: 4, window: 16, epochs: 1 },
      backend: "cpu",
      strategies: ["dqs", "random"],
      budgets: [5, 10],
      mislabel: [0, 0.1],
      seeds: 2,
      folds: 3,
      stages: [0.5, 1],
      quick: true,
    },
    rows,
    timings: { modelSeconds: 150, querySeconds: 35 },
  });
}

/**
 * `--refine aloe` in the harness (docs/algorithms.md §8.5): after each stage's labels, the stage's
 * detector is fine-tuned with ALOE's objective and α̂ from the labels, rescored, and the app's
 * threshold refitted from the same labels on the new scores. Pure pieces: the labels as spans of
 * sequences (what fine-tuning takes), the name of the refined rows, and the contamination table (α̂
 * against the true share of anomalous units in each stage's pool).
 */
import { parseCandidateKey } from "../query/candidates";
import { meanStd } from "./aggregate";
import type { ContaminationRow } from "./report";
import type { BoughtLabel } from "./simulate";
import { formatStage } from "./table";

export const REFINE_MODES = ["aloe"] as const;
export type RefineMode = (typeof REFINE_MODES)[number];

const REFINED_SUFFIX = " + ALOE fine-tuning";

/** The rows of "threshold + ALOE fine-tuning" for a strategy. */
export function refinedName(strategy: string): string {
  return `${strategy}${REFINED_SUFFIX}`;
}

/** Whether a row is a fine-tuned one (its scores are the fine-tuned model's, not the stage model's). */
export function isRefinedName(strategy: string): boolean {
  return strategy.endsWith(REFINED_SUFFIX);
}

/** A labelled stretch [start, end) of a sequence, by id: an anomalous label's span starts at its onset. */
export type SequenceSpan = { sequenceId: string; start: number; end: number; anomalous: boolean };

/** The labels as spans of their sequences; a key that names no stretch ("<id>:<start>-<end>") is an error. */
export function labelSpans(labels: readonly BoughtLabel[]): SequenceSpan[] {
  return labels.map((l) => {
    const stretch = parseCandidateKey(l.key);
    if (!stretch) throw new Error(`label key "${l.key}" names no stretch of a sequence`);
    const { sequenceId, start, end } = stretch;
    if (!l.anomalous) return { sequenceId, start, end, anomalous: false };
    return { sequenceId, start: Math.min(end - 1, start + Math.max(0, l.onset ?? 0)), end, anomalous: true };
  });
}

/** One simulated run's contamination at one stage. */
export type ContaminationRecord = {
  stage: number;
  strategy: string;
  budget: number;
  mislabel: number;
  seed: number;
  fold: number;
  /** The true share of anomalous units in the stage's pool. */
  truth: number;
  /** α̂ and its interval; null when the labels give none (deterministic strategies). */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** The labelled fraction. */
  naive: number | null;
  /** The α the fine-tuning used (lib/query/contamination.ts fineTuneAlpha); null without --refine. */
  used: number | null;
};

function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

export function aggregateContamination(records: readonly ContaminationRecord[], order: readonly string[]): ContaminationRow[] {
  const groups = new Map<string, ContaminationRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.stage, r.strategy, r.budget, r.mislabel]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...groups.values()]
    .map((g): ContaminationRow => {
      const first = g[0]!;
      const estimates = g.flatMap((r) => (r.estimate === null ? [] : [r.estimate]));
      return {
        stage: first.stage,
        strategy: first.strategy,
        budget: first.budget,
        mislabel: first.mislabel,
        runs: g.length,
        estimated: estimates.length,
        truth: meanOf(g.map((r) => r.truth)) ?? 0,
        estimate: estimates.length > 0 ? meanStd(estimates) : null,
        lower: meanOf(g.map((r) => r.lower)),
        upper: meanOf(g.map((r) => r.upper)),
        naive: meanOf(g.map((r) => r.naive)),
        used: meanOf(g.map((r) => r.used)),
      };
    })
    .sort((a, b) => a.stage - b.stage || rank(a.strategy) - rank(b.strategy) || a.budget - b.budget || a.mislabel - b.mislabel);
}

const fixed = (v: number | null, digits = 3) => (v === null ? "—" : v.toFixed(digits));

/** Aligned text: one line per row, the stage first. */
export function formatContaminationTable(rows: readonly ContaminationRow[]): string {
  const header = [
    "stage",
    "strategy",
    "budget",
    "mislabel",
    "runs",
    "α true",
    "α̂ (mean ± sd)",
    "95 % interval (mean)",
    "labelled fraction",
    "α fine-tuned",
  ];
  const lines = rows.map((r) => [
    formatStage(r.stage),
    r.strategy,
    String(r.budget),
    r.mislabel.toFixed(2),
    r.estimated === r.runs ? String(r.runs) : `${r.runs} (${r.estimated} with α̂)`,
    fixed(r.truth),
    r.estimate ? `${r.estimate.mean.toFixed(3)} ± ${r.estimate.std.toFixed(3)}` : "— (deterministic)",
    r.lower === null || r.upper === null ? "—" : `[${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}]`,
    fixed(r.naive),
    fixed(r.used),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const left = new Set([0, 1]);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...lines.map(line)].join("\n");
}

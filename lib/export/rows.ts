/**
 * The rows of a run's exports (GET /api/runs/[id]/export): one record type per kind, with the same
 * keys in JSON (camelCase) and in the CSV header (snake_case, `csvHeader`). Pure: lib/server/export.ts
 * loads what these need and streams what they give; the tests run them in Node.
 */
import { AppError } from "../errors";
import { effectiveLabel, type LabelView } from "../labelling/labels";
import { firstAlarmIndex } from "../threshold/candidate";
import { flatMetrics, type ThresholdView } from "../threshold/view";
import type { ExportFormat, ExportKind, NamedThreshold, ThresholdChoice } from "../validations/export";
import { float32Number, type Cell } from "./csv";

/** camelCase → snake_case, for CSV headers. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function csvHeader(columns: readonly string[]): string[] {
  return columns.map(snakeCase);
}

/** A record's CSV cells in column order; arrays (a threshold's label ids) are separated by spaces. */
export function recordCells<T>(columns: readonly (keyof T & string)[]): (record: T) => Cell[] {
  return (record) =>
    columns.map((c) => {
      const v = record[c] as unknown;
      return Array.isArray(v) ? v.join(" ") : (v as Cell);
    });
}

/** A label as lib/server/export.ts reads it: the label, its author's email, and its query, batch and sequence. */
export type ExportLabelSource = LabelView & {
  userEmail: string;
  queryId: string;
  /** The query's resolution (an admin's choice among its labels), if any. */
  resolvedLabelId: string | null;
  batchId: string;
  strategy: string;
  sequence: string;
  split: string;
  start: number;
  end: number;
};

export const LABEL_COLUMNS = [
  "labelId",
  "createdAt",
  "userName",
  "userEmail",
  "batchId",
  "strategy",
  "queryId",
  "sequence",
  "split",
  "queryStart",
  "queryEnd",
  "label",
  "onset",
  "regionEnd",
  "note",
  "counts",
  "thresholdAfter",
  "thresholdAfterKind",
] as const;

export type LabelRecord = {
  labelId: string;
  /** ISO time. */
  createdAt: string;
  userName: string;
  userEmail: string;
  batchId: string;
  strategy: string;
  queryId: string;
  sequence: string;
  split: string;
  /** The queried stretch [queryStart, queryEnd) of the sequence. */
  queryStart: number;
  queryEnd: number;
  label: "anomalous" | "normal";
  /** Step (within the sequence) where the anomaly starts; null for normal. */
  onset: number | null;
  /** One past the last step of the anomalous region the expert marked (exclusive); null when none was marked, and for normal. */
  regionEnd: number | null;
  note: string;
  /** Whether this is the label that counts for its query (the admin's resolution, else the latest). */
  counts: boolean;
  /** The labels' threshold stored right after this label (refined or withdrawn), if any. */
  thresholdAfter: number | null;
  thresholdAfterKind: "refined" | "withdrawn" | null;
};

/**
 * The labels' threshold stored right after a label: thresholds are recomputed in the label's own
 * transaction, stored after the label, and include it among the labels that counted. Of the refined
 * and withdrawn rows stored at or after the label (`history` oldest first), the first that counted it,
 * else the first stored after it.
 */
export function thresholdAfter(label: Pick<LabelView, "id" | "createdAt">, history: readonly ThresholdView[]): ThresholdView | null {
  const at = Date.parse(label.createdAt);
  const after = history.filter((t) => (t.kind === "refined" || t.kind === "withdrawn") && Date.parse(t.createdAt) >= at);
  return after.find((t) => t.labelIds?.includes(label.id)) ?? after.find((t) => Date.parse(t.createdAt) > at) ?? after[0] ?? null;
}

/** One record per label, oldest first (ties by id); `history` is the run's thresholds, oldest first. */
export function labelRecords(labels: readonly ExportLabelSource[], history: readonly ThresholdView[]): LabelRecord[] {
  const byQuery = new Map<string, ExportLabelSource[]>();
  for (const l of labels) byQuery.set(l.queryId, [...(byQuery.get(l.queryId) ?? []), l]);
  const counting = new Set<string>();
  for (const group of byQuery.values()) {
    const label = effectiveLabel({ labels: group, resolvedLabelId: group[0]?.resolvedLabelId ?? null });
    if (label) counting.add(label.id);
  }
  const ordered = [...labels].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.map((l) => {
    const after = thresholdAfter(l, history);
    return {
      labelId: l.id,
      createdAt: l.createdAt,
      userName: l.userName,
      userEmail: l.userEmail,
      batchId: l.batchId,
      strategy: l.strategy,
      queryId: l.queryId,
      sequence: l.sequence,
      split: l.split,
      queryStart: l.start,
      queryEnd: l.end,
      label: l.anomalous ? "anomalous" : "normal",
      onset: l.anomalous ? l.onset : null,
      regionEnd: l.anomalous ? (l.regionEnd ?? null) : null,
      note: l.note,
      counts: counting.has(l.id),
      thresholdAfter: after?.value ?? null,
      thresholdAfterKind: after?.kind === "refined" || after?.kind === "withdrawn" ? after.kind : null,
    };
  });
}

/** The run's thresholds a prediction can use: null where the run has none of that kind. */
export type RunThresholdValues = { unsupervised: number | null; refined: number | null; manual: number | null };

export type ChosenThreshold = { kind: NamedThreshold | "value"; value: number };

/**
 * The threshold predictions are made at: the one asked for, or by default the refined one when the
 * labels have refined it, else the unsupervised one. 409 when the run has no threshold of that kind.
 */
export function chooseThreshold(choice: ThresholdChoice | undefined, run: RunThresholdValues): ChosenThreshold {
  if (choice?.kind === "value") return { kind: "value", value: choice.value };
  const kind: NamedThreshold = choice?.kind ?? (run.refined !== null ? "refined" : "unsupervised");
  const value = run[kind];
  if (value === null) {
    const why = kind === "unsupervised" ? "it is not complete" : kind === "refined" ? "no labels have refined it" : "no admin has set one";
    throw new AppError("conflict", `This run has no ${kind} threshold (${why}); choose another or give a number.`);
  }
  return { kind, value };
}

export const PREDICTION_COLUMNS = [
  "sequence",
  "split",
  "length",
  "maxScore",
  "threshold",
  "thresholdKind",
  "predictedAnomalous",
  "firstAlarmStep",
  "trueAnomalous",
  "trueOnset",
] as const;

export type PredictionRecord = {
  sequence: string;
  split: string;
  length: number;
  /** Null for a sequence without steps. */
  maxScore: number | null;
  threshold: number;
  thresholdKind: ChosenThreshold["kind"];
  /** Some step's score reaches the threshold (score ≥ threshold alarms, as everywhere in the app). */
  predictedAnomalous: boolean;
  /** The first step whose score reaches the threshold; null without an alarm. */
  firstAlarmStep: number | null;
  /** Ground truth, when the dataset has it; null otherwise. */
  trueAnomalous: boolean | null;
  trueOnset: number | null;
};

export function predictionRecord(
  sequence: { name: string; split: string },
  scores: Float32Array,
  threshold: ChosenThreshold,
  truth: { anomalous: boolean; onset: number | null } | null,
): PredictionRecord {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  const alarm = firstAlarmIndex(scores, threshold.value);
  return {
    sequence: sequence.name,
    split: sequence.split,
    length: scores.length,
    maxScore: scores.length > 0 ? float32Number(max) : null,
    threshold: threshold.value,
    thresholdKind: threshold.kind,
    predictedAnomalous: alarm >= 0,
    firstAlarmStep: alarm >= 0 ? alarm : null,
    trueAnomalous: truth?.anomalous ?? null,
    trueOnset: truth?.onset ?? null,
  };
}

export const SCORE_COLUMNS = ["sequence", "step", "score"] as const;

export const THRESHOLD_COLUMNS = [
  "version",
  "createdAt",
  "kind",
  "value",
  "createdBy",
  "labelCount",
  "anomalousCount",
  "f1",
  "precision",
  "recall",
  "placement",
  "lower",
  "upper",
  "normalAlarmShare",
  "warning",
  "reason",
  "labelIds",
] as const;

export type ThresholdRecord = {
  version: number;
  createdAt: string;
  kind: ThresholdView["kind"];
  value: number;
  createdBy: string | null;
  labelCount: number;
  anomalousCount: number | null;
  f1: number | null;
  precision: number | null;
  recall: number | null;
  placement: string | null;
  /** The refined threshold's optimal interval (lower, upper]; lower null when unbounded. */
  lower: number | null;
  upper: number | null;
  normalAlarmShare: number | null;
  warning: string | null;
  reason: string | null;
  /** The labels that counted (refined and withdrawn rows); in CSV, separated by spaces. */
  labelIds: string[] | null;
};

export function thresholdRecord(t: ThresholdView): ThresholdRecord {
  return {
    version: t.version,
    createdAt: t.createdAt,
    kind: t.kind,
    value: t.value,
    createdBy: t.createdBy,
    ...flatMetrics(t),
    reason: t.reason,
    labelIds: t.labelIds,
  };
}

/** A file name with only [A-Za-z0-9._-]: accents dropped, anything else a dash, at most 60 characters. */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60)
    .replace(/[-.]+$/, "");
  return slug || fallback;
}

/** `<dataset>-<run>-<what>.<format>`, safe inside Content-Disposition's quotes. */
export function exportFilename(datasetName: string, runId: string, what: ExportKind, format: ExportFormat): string {
  return `${fileSlug(datasetName, "dataset")}-${fileSlug(runId, "run")}-${what}.${format}`;
}

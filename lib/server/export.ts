import "server-only";
import { AppError } from "../errors";
import { CSV_EOL, csvField, csvLine, float32Number, formatFloat32 } from "../export/csv";
import {
  chooseThreshold,
  csvHeader,
  exportFilename,
  LABEL_COLUMNS,
  labelRecords,
  PREDICTION_COLUMNS,
  predictionRecord,
  recordCells,
  SCORE_COLUMNS,
  THRESHOLD_COLUMNS,
  thresholdRecord,
  type ExportLabelSource,
} from "../export/rows";
import { csvText, jsonText, textStream } from "../export/stream";
import { decodeFloat32 } from "../series/chunks";
import type { ExportKind, ExportQuery } from "../validations/export";
import { db } from "./db";
import { labelFields } from "./labels";
import { listRunScores } from "./runs";
import { readScoreBytes } from "./series-store";
import { allThresholds, currentThresholds } from "./thresholds";

/**
 * A run's exports (GET /api/runs/[id]/export): labels, predictions at a threshold, per-step scores and
 * the threshold history, as CSV or JSON (the rows: lib/export/rows.ts). Everything that can fail with
 * a status (an unknown run, a threshold the run lacks) is checked before the first byte; the rows are
 * then streamed, the scores one sequence at a time.
 */
export type ExportFile = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

type Rows<T> = Iterable<T> | AsyncIterable<T>;
type Table<T> = {
  columns: readonly (keyof T & string)[];
  rows: Rows<T>;
  head?: Record<string, unknown>;
  /** The rows' key in JSON (default "rows"). */
  jsonKey?: string;
  /** The whole CSV text, when it is not written row by row from `rows`. */
  csv?: AsyncGenerator<string>;
};

async function labelsTable(runId: string) {
  const rows = await db.label.findMany({
    where: { query: { batch: { runId } } },
    select: {
      ...labelFields,
      user: { select: { name: true, email: true } },
      query: {
        select: {
          id: true,
          start: true,
          end: true,
          resolvedLabelId: true,
          sequence: { select: { name: true, split: true } },
          batch: { select: { id: true, strategy: true } },
        },
      },
    },
  });
  const labels: ExportLabelSource[] = rows.map((l) => ({
    id: l.id,
    clientId: l.clientId,
    userId: l.userId,
    userName: l.user.name,
    userEmail: l.user.email,
    anomalous: l.anomalous,
    onset: l.onset,
    regionEnd: l.regionEnd,
    note: l.note,
    createdAt: l.createdAt.toISOString(),
    queryId: l.query.id,
    resolvedLabelId: l.query.resolvedLabelId,
    batchId: l.query.batch.id,
    strategy: l.query.batch.strategy,
    sequence: l.query.sequence.name,
    split: l.query.sequence.split,
    start: l.query.start,
    end: l.query.end,
  }));
  return { columns: LABEL_COLUMNS, rows: labelRecords(labels, await allThresholds(runId)) };
}

async function predictionsTable(
  run: { id: string; threshold: number | null; datasetId: string; hasGroundTruth: boolean },
  query: ExportQuery,
) {
  const current = await currentThresholds(run.id);
  const threshold = chooseThreshold(query.threshold, {
    unsupervised: current.unsupervised?.value ?? run.threshold,
    refined: current.fromLabels?.kind === "refined" ? current.fromLabels.value : null,
    manual: current.manual?.value ?? null,
  });
  const sequences = await listRunScores(run.id);
  const truth = new Map(
    run.hasGroundTruth
      ? (
          await db.groundTruth.findMany({
            where: { sequence: { datasetId: run.datasetId } },
            select: { sequenceId: true, anomalous: true, onset: true },
          })
        ).map((g) => [g.sequenceId, g] as const)
      : [],
  );
  async function* rows() {
    for (const s of sequences) {
      const bytes = await readScoreBytes(run.id, s.sequenceId);
      yield predictionRecord(s, bytes ? decodeFloat32(bytes) : new Float32Array(0), threshold, truth.get(s.sequenceId) ?? null);
    }
  }
  return { columns: PREDICTION_COLUMNS, rows: rows(), head: { threshold } };
}

async function scoresTable(runId: string, format: ExportQuery["format"]) {
  const sequences = await listRunScores(runId);
  async function* scoresOf() {
    for (const s of sequences) {
      const bytes = await readScoreBytes(runId, s.sequenceId);
      yield { sequence: s, scores: bytes ? decodeFloat32(bytes) : new Float32Array(0) };
    }
  }
  if (format === "json") {
    async function* bySequence() {
      for await (const { sequence: s, scores } of scoresOf()) {
        yield { sequence: s.name, split: s.split, length: scores.length, scores: Array.from(scores, float32Number) };
      }
    }
    return { columns: [] as const, rows: bySequence(), jsonKey: "sequences" };
  }
  /** Written line by line, not through a record per step: a big run has millions of steps. */
  async function* csv(): AsyncGenerator<string> {
    let batch = csvLine(csvHeader(SCORE_COLUMNS));
    for await (const { sequence: s, scores } of scoresOf()) {
      const name = csvField(s.name);
      for (let step = 0; step < scores.length; step++) {
        batch += `${name},${step},${formatFloat32(scores[step] ?? Number.NaN)}${CSV_EOL}`;
        if (batch.length >= 64 * 1024) {
          yield batch;
          batch = "";
        }
      }
    }
    if (batch) yield batch;
  }
  return { columns: SCORE_COLUMNS, rows: [], csv: csv() };
}

async function thresholdsTable(runId: string) {
  return { columns: THRESHOLD_COLUMNS, rows: (await allThresholds(runId)).map(thresholdRecord) };
}

async function table(
  run: { id: string; threshold: number | null; datasetId: string; hasGroundTruth: boolean },
  query: ExportQuery,
): Promise<Table<Record<string, unknown>>> {
  const what: ExportKind = query.what;
  switch (what) {
    case "labels":
      return labelsTable(run.id);
    case "predictions":
      return predictionsTable(run, query);
    case "scores":
      return scoresTable(run.id, query.format);
    case "thresholds":
      return thresholdsTable(run.id);
  }
}

/**
 * The body's text, with an error after the first byte logged here: the status is sent by then, so the
 * client sees a cut-off download, and the server log says why.
 */
async function* logged(chunks: AsyncGenerator<string>, context: string): AsyncGenerator<string> {
  try {
    yield* chunks;
  } catch (error) {
    console.error(`[api] ${context} failed while streaming:`, error);
    throw error;
  }
}

/** The export of a run the caller may read (checked by the route): its file name, content type and streamed body. 404 for an unknown run. */
export async function exportRun(runId: string, query: ExportQuery): Promise<ExportFile> {
  const found = await db.detectorRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      detector: true,
      status: true,
      threshold: true,
      dataset: { select: { id: true, name: true, hasGroundTruth: true } },
    },
  });
  if (!found) throw new AppError("not_found", "No such run.");
  const run = { id: found.id, threshold: found.threshold, datasetId: found.dataset.id, hasGroundTruth: found.dataset.hasGroundTruth };
  const { columns, rows, head, jsonKey, csv } = await table(run, query);
  const filename = exportFilename(found.dataset.name, found.id, query.what, query.format);
  const context = `export of ${query.what} (${query.format}) of run ${found.id}`;
  if (query.format === "json") {
    const meta = {
      run: { id: found.id, detector: found.detector, status: found.status },
      dataset: { id: found.dataset.id, name: found.dataset.name },
      what: query.what,
      exportedAt: new Date().toISOString(),
      ...head,
    };
    return {
      filename,
      contentType: "application/json; charset=utf-8",
      body: textStream(logged(jsonText(meta, jsonKey ?? "rows", rows), context)),
    };
  }
  return {
    filename,
    contentType: "text/csv; charset=utf-8",
    body: textStream(logged(csv ?? csvText(csvHeader(columns), rows, recordCells(columns)), context)),
  };
}

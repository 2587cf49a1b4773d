import "server-only";
import Database from "better-sqlite3";
import { Pool } from "pg";
import { databaseProvider, env } from "../env.mjs";
import { postgresPlaceholders } from "./sql";

/**
 * Reads of series blobs (raw channels, ground truth, a run's scores) straight through the database
 * driver. Prisma 6's driver adapters hand every Bytes value over as a JavaScript array of numbers, one
 * per byte (then build a Buffer again), which costs seconds for the 32 MB of a 1,000,000-step, 8-channel sequence; these queries return the
 * driver's Buffers as they are. Read-only; every write still goes through Prisma.
 */
export type ChunkRow = { start: number; length: number; data: Uint8Array };

const CHUNKS_SQL = `SELECT "start", "length", "data" FROM "SeriesChunk" WHERE "sequenceId" = ? AND "start" < ? AND "start" + "length" > ? ORDER BY "start"`;
const LABELS_SQL = `SELECT "labels" FROM "GroundTruth" WHERE "sequenceId" = ?`;
const SCORE_SQL = `SELECT "data" FROM "Score" WHERE "runId" = ? AND "sequenceId" = ?`;

type Reader = {
  chunks(sequenceId: string, from: number, to: number): Promise<ChunkRow[]>;
  labels(sequenceId: string): Promise<Uint8Array | null>;
  score(runId: string, sequenceId: string): Promise<Uint8Array | null>;
};

function sqliteReader(url: string): Reader {
  const connection = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true, timeout: 10_000 });
  const chunks = connection.prepare<[string, number, number], ChunkRow>(CHUNKS_SQL);
  const labels = connection.prepare<[string], { labels: Uint8Array }>(LABELS_SQL);
  const score = connection.prepare<[string, string], { data: Uint8Array }>(SCORE_SQL);
  return {
    chunks: async (id, from, to) => chunks.all(id, to, from),
    labels: async (id) => labels.get(id)?.labels ?? null,
    score: async (runId, id) => score.get(runId, id)?.data ?? null,
  };
}

function postgresReader(url: string): Reader {
  const pool = new Pool({ connectionString: url, max: 4 });
  const chunksSql = postgresPlaceholders(CHUNKS_SQL);
  const labelsSql = postgresPlaceholders(LABELS_SQL);
  const scoreSql = postgresPlaceholders(SCORE_SQL);
  return {
    chunks: async (id, from, to) => (await pool.query<ChunkRow>(chunksSql, [id, to, from])).rows,
    labels: async (id) => (await pool.query<{ labels: Uint8Array }>(labelsSql, [id])).rows[0]?.labels ?? null,
    score: async (runId, id) => (await pool.query<{ data: Uint8Array }>(scoreSql, [runId, id])).rows[0]?.data ?? null,
  };
}

const holder = globalThis as unknown as { dqsSeriesReader?: { url: string; reader: Reader } };

function reader(): Reader {
  const url = env.DATABASE_URL;
  if (holder.dqsSeriesReader?.url !== url) {
    holder.dqsSeriesReader = { url, reader: databaseProvider(url) === "sqlite" ? sqliteReader(url) : postgresReader(url) };
  }
  return holder.dqsSeriesReader.reader;
}

/** The stored chunks of a sequence that overlap steps [from, to), in order. */
export function readChunkRows(sequenceId: string, from: number, to: number): Promise<ChunkRow[]> {
  return to <= from ? Promise.resolve([]) : reader().chunks(sequenceId, from, to);
}

/** A sequence's per-step anomaly score in a run (float32 little-endian), or null when it has none. */
export function readScoreBytes(runId: string, sequenceId: string): Promise<Uint8Array | null> {
  return reader().score(runId, sequenceId);
}

/** A sequence's ground-truth labels (0/1 per step), or null when it has none. */
export function readLabelBytes(sequenceId: string): Promise<Uint8Array | null> {
  return reader().labels(sequenceId);
}

import "server-only";
import Database from "better-sqlite3";
import { Pool } from "pg";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { databaseProvider, env } from "../env.mjs";
import { postgresPlaceholders } from "./sql";

/**
 * The bytes of staged uploads (table UploadChunk), written and read straight through the database
 * driver: Prisma 6's driver adapters pass Bytes as arrays of numbers, one per byte — measured here,
 * 250 ms to write and 185 ms to read each 1 MiB chunk through Prisma on SQLite, which would add
 * minutes to a 200 MB upload. The rest of the staging (the Upload and UploadFile rows, deletes) goes
 * through Prisma. better-sqlite3 is synchronous: every call yields to the event loop afterwards, so
 * that a long upload or import never keeps other requests (the progress polls) waiting.
 */
type ChunkStore = {
  put(attemptId: string, seq: number, uploadId: string, data: Uint8Array): Promise<void>;
  get(attemptId: string, seq: number): Promise<Uint8Array | null>;
};

const INSERT_SQL = `INSERT INTO "UploadChunk" ("attemptId", "seq", "uploadId", "data") VALUES (?, ?, ?, ?)`;
const SELECT_SQL = `SELECT "data" FROM "UploadChunk" WHERE "attemptId" = ? AND "seq" = ?`;

function sqliteStore(url: string): ChunkStore {
  const connection = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  const insert = connection.prepare<[string, number, string, Uint8Array]>(INSERT_SQL);
  const select = connection.prepare<[string, number], { data: Uint8Array }>(SELECT_SQL);
  return {
    put: async (attemptId, seq, uploadId, data) => {
      insert.run(attemptId, seq, uploadId, data);
      await yieldToEventLoop();
    },
    get: async (attemptId, seq) => {
      const row = select.get(attemptId, seq);
      await yieldToEventLoop();
      return row?.data ?? null;
    },
  };
}

function postgresStore(url: string): ChunkStore {
  const pool = new Pool({ connectionString: url, max: 4 });
  const insertSql = postgresPlaceholders(INSERT_SQL);
  const selectSql = postgresPlaceholders(SELECT_SQL);
  return {
    put: async (attemptId, seq, uploadId, data) => {
      await pool.query(insertSql, [attemptId, seq, uploadId, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
    },
    get: async (attemptId, seq) => (await pool.query<{ data: Uint8Array }>(selectSql, [attemptId, seq])).rows[0]?.data ?? null,
  };
}

const holder = globalThis as unknown as { dqsUploadChunks?: { url: string; store: ChunkStore } };

export function uploadChunks(): ChunkStore {
  const url = env.DATABASE_URL;
  if (holder.dqsUploadChunks?.url !== url) {
    holder.dqsUploadChunks = { url, store: databaseProvider(url) === "sqlite" ? sqliteStore(url) : postgresStore(url) };
  }
  return holder.dqsUploadChunks.store;
}

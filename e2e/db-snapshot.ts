import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * Row counts and a checksum of every table of the database the e2e server uses (SQLite in
 * .data/e2e-PORT.db, or E2E_DATABASE_URL), read over one connection, for the tests that must show a
 * refused request changed nothing. Rows are hashed one by one (blobs as their bytes) and the row
 * hashes sorted, so the checksum does not depend on the order a database returns rows in.
 *
 * Left out, by design: the migration bookkeeping tables, and Session.lastSeenAt, which every signed-in
 * request may touch (at most once a minute, lib/server/session.ts) whatever it asks for.
 */
/** Per table: its row count and the checksum of its rows (so that a difference names the table). */
export type DbSnapshot = Record<string, { rows: number; checksum: string }>;

const SKIPPED_TABLES = new Set(["_prisma_migrations", "_dqs_migrations"]);
const SKIPPED_COLUMNS: Record<string, ReadonlySet<string>> = { Session: new Set(["lastSeenAt"]) };

type Row = Record<string, unknown>;
type Reader = { tables(): Promise<string[]>; rows(table: string): Promise<Row[]>; close(): Promise<void> };

function feed(hash: ReturnType<typeof createHash>, value: unknown): void {
  if (value === null || value === undefined) hash.update("\u0001null");
  else if (Buffer.isBuffer(value) || value instanceof Uint8Array) hash.update("\u0001bytes:").update(value);
  else if (value instanceof Date) hash.update(`\u0001date:${value.toISOString()}`);
  else if (typeof value === "object") hash.update(`\u0001json:${JSON.stringify(value)}`);
  else hash.update(`\u0001${typeof value}:${String(value)}`);
}

function tableChecksum(table: string, rows: Row[]): string {
  const skipped = SKIPPED_COLUMNS[table] ?? new Set<string>();
  const rowHashes = rows.map((row) => {
    const hash = createHash("sha256");
    for (const column of Object.keys(row).sort()) {
      if (skipped.has(column)) continue;
      hash.update(`\u0002${column}`);
      feed(hash, row[column]);
    }
    return hash.digest("hex");
  });
  return createHash("sha256").update(rowHashes.sort().join(",")).digest("hex").slice(0, 16);
}

async function sqliteReader(): Promise<Reader> {
  const db = new Database(`.data/e2e-${process.env.E2E_PORT ?? 3100}.db`, { readonly: true, timeout: 10_000 });
  return {
    tables: async () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    rows: async (table) => db.prepare(`SELECT * FROM "${table}"`).all() as Row[],
    close: async () => void db.close(),
  };
}

async function postgresReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    tables: async () =>
      (
        await client.query<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
      ).rows.map((r) => r.name),
    rows: async (table) => (await client.query<Row>(`SELECT * FROM "${table}"`)).rows,
    close: () => client.end(),
  };
}

export async function snapshotDb(): Promise<DbSnapshot> {
  const url = process.env.E2E_DATABASE_URL;
  const reader = url ? await postgresReader(url) : await sqliteReader();
  try {
    const tables = (await reader.tables()).filter((t) => !SKIPPED_TABLES.has(t)).sort();
    const snapshot: DbSnapshot = {};
    for (const table of tables) {
      const rows = await reader.rows(table);
      snapshot[table] = { rows: rows.length, checksum: tableChecksum(table, rows) };
    }
    return snapshot;
  } finally {
    await reader.close();
  }
}

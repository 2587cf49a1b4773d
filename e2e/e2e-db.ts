import Database from "better-sqlite3";
import pg from "pg";

/**
 * Direct SQL on the database the e2e server uses (see e2e/serve.sh: E2E_DATABASE_URL, or SQLite in
 * .data/e2e-PORT.db), for what no API shows — a password hash, say. Write `$1`, `$2`, … in order.
 */
export async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const url = process.env.E2E_DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(`.data/e2e-${process.env.E2E_PORT ?? 3100}.db`, { timeout: 10_000 });
  try {
    const statement = db.prepare(text.replace(/\$\d+/g, "?"));
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

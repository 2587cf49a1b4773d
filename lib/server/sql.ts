import "server-only";

/** A query written with SQLite's `?` placeholders, for PostgreSQL: `$1`, `$2`, … in order. */
export function postgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Migrations for both providers. SQLite uses `prisma migrate deploy`. Prisma 6.19's wasm schema
 * engine cannot apply to PostgreSQL ("Column type 'name' could not be deserialized"), so PostgreSQL's
 * migration files are applied here, in order, each in a transaction, recorded in _dqs_migrations.
 * New migrations are written by diffing the committed schema against the working one, because
 * `prisma migrate dev` needs a shadow database the wasm engine cannot replay into.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
/** migrate diff with the pg adapter connects to a server, though it reads nothing from it. */
const DIFF_POSTGRES_URL = process.env.DIFF_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/dqs";

export function migrationsDir(schemaPath: string): string {
  return path.join(path.dirname(schemaPath), "migrations");
}

function listMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

export async function applyPostgresMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_dqs_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM "_dqs_migrations"')).rows.map((r) => r.name));
    const dir = migrationsDir(POSTGRES_SCHEMA);
    for (const name of listMigrations(dir).filter((n) => !done.has(n))) {
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
        await client.query('INSERT INTO "_dqs_migrations" (name) VALUES ($1)', [name]);
        await client.query("COMMIT");
        console.log(`Applied migration ${name}`);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.end();
  }
}

export async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

/** The PostgreSQL schema is the SQLite one with another provider; it is generated, never edited. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output(\s*)= "\.\.\//, 'output$1= "../../');
  if (!out.includes('provider = "postgresql"') || !out.includes('"../../')) {
    throw new Error('prisma/schema.prisma needs a `provider = "sqlite"` datasource and a relative generator output');
  }
  return `// GENERATED from prisma/schema.prisma by \`npm run db:new-migration\`: do not edit.\n${out}`;
}

function committed(file: string): string | null {
  try {
    return execFileSync("git", ["show", `HEAD:${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

function diffSql(schemaPath: string, databaseUrl: string): string {
  const previous = committed(schemaPath);
  const from = previous === null ? ["--from-empty"] : ["--from-schema-datamodel", writeTemp(previous)];
  return execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function writeTemp(content: string): string {
  const file = path.join(tmpdir(), `dqs-prev-${process.pid}-${Date.now()}.prisma`);
  writeFileSync(file, content);
  return file;
}

export async function newMigration(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Usage: npm run db:new-migration -- <snake_case_name>");
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  mkdirSync(".data", { recursive: true }); // SQLite cannot create the diff database in a missing folder
  writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const targets: [string, string][] = [
    [SQLITE_SCHEMA, "file:./.data/migration-diff.db"],
    [POSTGRES_SCHEMA, DIFF_POSTGRES_URL],
  ];
  for (const [schemaPath, url] of targets) {
    const sql = diffSql(schemaPath, url);
    if (!/\S/.test(sql.replace(/--.*$/gm, ""))) {
      console.log(`${schemaPath}: no changes`);
      continue;
    }
    const dir = path.join(migrationsDir(schemaPath), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.join(dir, "migration.sql")}`);
  }
}

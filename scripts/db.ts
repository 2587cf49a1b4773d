/**
 * Database chores, for SQLite (default) and PostgreSQL (DATABASE_URL=postgresql://…):
 *   setup          generate the client for the provider, apply migrations, seed demo data
 *   migrate        apply migrations
 *   seed           seed demo users, the demo dataset and a finished linear run on it (idempotent)
 *   reset          drop everything, migrate and seed again (the client is not regenerated)
 *   new-migration NAME   write the SQL of a schema change for both providers (see README)
 * Run through `npm run db:*` (tsx with the react-server condition, so server-only modules load).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseProvider, env } from "../lib/env.mjs";
import { newMigration, applyPostgresMigrations, resetPostgres } from "./db-migrations";

const provider = databaseProvider(env.DATABASE_URL);

function prisma(...args: string[]): void {
  execFileSync("npx", ["prisma", ...args], { stdio: "inherit", env: { ...process.env, DATABASE_URL: env.DATABASE_URL } });
}

/** SQLite cannot create its file in a folder that does not exist (Prisma says only "External error id#0"). */
function sqliteFile(): string {
  return env.DATABASE_URL.replace(/^file:/, "");
}

async function migrate(): Promise<void> {
  mkdirSync(env.DATA_DIR, { recursive: true });
  if (provider === "sqlite") {
    mkdirSync(path.dirname(sqliteFile()), { recursive: true });
    prisma("migrate", "deploy");
  } else {
    await applyPostgresMigrations(env.DATABASE_URL);
  }
}

async function seed(): Promise<void> {
  const { seed: run } = await import("../prisma/seed");
  const { db } = await import("../lib/server/db");
  await run();
  const [users, datasets, runs] = await Promise.all([
    db.user.count(),
    db.dataset.count(),
    db.detectorRun.count({ where: { status: "complete" } }),
  ]);
  console.log(`Seeded: ${users} users, ${datasets} datasets, ${runs} finished runs (${provider}).`);
  await db.$disconnect();
}

async function reset(): Promise<void> {
  if (provider === "sqlite") {
    const file = sqliteFile();
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  } else {
    await resetPostgres(env.DATABASE_URL);
  }
}

const commands: Record<string, () => Promise<void>> = {
  migrate,
  seed,
  reset: async () => {
    await reset();
    await migrate();
    await seed();
  },
  setup: async () => {
    prisma("generate");
    await migrate();
    await seed();
  },
  "new-migration": async () => newMigration(process.argv[3]),
};

const command = process.argv[2] ?? "";
const run = commands[command];
if (!run) {
  console.error(`Usage: tsx scripts/db.ts <${Object.keys(commands).join("|")}>`);
  process.exit(2);
}
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

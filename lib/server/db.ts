import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, env } from "../env.mjs";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

function createClient(): PrismaClient {
  const url = env.DATABASE_URL;
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFile(url);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/** One client per process; kept on globalThis so that dev-server reloads do not open new ones. */
const globalForDb = globalThis as unknown as { dqsDb?: PrismaClient };
export const db: PrismaClient = globalForDb.dqsDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.dqsDb = db;

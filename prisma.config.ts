/**
 * Prisma CLI configuration. Prisma 6.19 with driver adapters and the JS (wasm) schema engine works
 * offline; the schema (and its migrations folder) is chosen by DATABASE_URL: SQLite by default,
 * PostgreSQL when the URL points at one (see ENVIRONMENT notes in the README).
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, env } from "./lib/env.mjs";

const provider = databaseProvider(env.DATABASE_URL);
// The schema's `url = env("DATABASE_URL")` must resolve even when the default is used.
process.env.DATABASE_URL ??= env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  schema: provider === "sqlite" ? path.join("prisma", "schema.prisma") : path.join("prisma", "postgres", "schema.prisma"),
  engine: "js",
  async adapter() {
    return provider === "sqlite"
      ? new PrismaBetterSQLite3({ url: env.DATABASE_URL })
      : new PrismaPg({ connectionString: env.DATABASE_URL });
  },
});

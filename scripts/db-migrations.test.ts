import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "./db-migrations";

describe("postgresSchemaFrom", () => {
  it("swaps the provider and moves the client output one folder up", () => {
    const out = postgresSchemaFrom('generator client {\n  output = "../lib/x"\n}\ndatasource db {\n  provider = "sqlite"\n}\n');
    expect(out).toContain('provider = "postgresql"');
    expect(out).toContain('output = "../../lib/x"');
  });

  it("matches the committed PostgreSQL schema (run `npm run db:new-migration` after a schema change)", () => {
    const generated = postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8"));
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(generated);
  });

  it("refuses a schema without an SQLite datasource", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n}\n')).toThrow();
  });
});

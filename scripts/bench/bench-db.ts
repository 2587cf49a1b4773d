/**
 * A throwaway SQLite database for a benchmark: migrated with the project's migrations, removed
 * afterwards. Set DATABASE_URL to the returned url before importing any lib/server module.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type BenchDir = { dir: string; dbUrl: (name: string) => string; remove: () => void };

export function benchDir(prefix: string): BenchDir {
  const dir = mkdtempSync(path.join(tmpdir(), `dqs-bench-${prefix}-`));
  return {
    dir,
    dbUrl: (name) => {
      const url = `file:${path.join(dir, `${name}.db`)}`;
      execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
      return url;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  return [title, line(header), ...rows.map(line)].join("\n");
}

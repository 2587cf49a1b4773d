import "server-only";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ZodError } from "zod";
import { env } from "../env.mjs";
import type { ExperimentEntry } from "../charts/experiment-rows";
import { AppError } from "../errors";
import { parseReport, REPORT_VERSION, reportSchema, type ExperimentReport } from "../eval/report";

/**
 * The evaluation harness (`npm run eval`) writes one JSON report per experiment to
 * DATA_DIR/experiments/<id>.json and rewrites it as it runs. These are read here, validated with the
 * report's schema; a file that cannot be read is listed as unreadable with the reason, never thrown.
 */
export const EXPERIMENTS_DIR = path.join(env.DATA_DIR, "experiments");

/** Reports are small (rows aggregated over seeds × folds); anything far larger is not one. */
const MAX_BYTES = 20 * 1024 * 1024;

const idSchema = reportSchema.shape.id;

export function isExperimentId(id: string): boolean {
  return idSchema.safeParse(id).success;
}

/** The file of an experiment; only ids of the schema's pattern ([a-z0-9-]), so no path can escape. */
function fileOf(id: string): string {
  if (!isExperimentId(id)) throw new AppError("not_found", "No such experiment.");
  return path.join(EXPERIMENTS_DIR, `${id}.json`);
}

function zodMessage(error: ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return `it does not match the report format (version ${REPORT_VERSION}): ${issues.join("; ")}${more}`;
}

/** Parses a report file's text; the reason in words when it is not a valid report for this id. */
export function parseReportText(id: string, text: string): { ok: true; report: ExperimentReport } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Unreadable: the file is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  try {
    const report = parseReport(json);
    if (report.id !== id)
      return { ok: false, error: `Unreadable: the report's id "${report.id}" does not match its file name "${id}.json".` };
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, error: `Unreadable: ${zodMessage(error)}.` };
    throw error;
  }
}

async function readEntry(id: string): Promise<ExperimentEntry | null> {
  const file = fileOf(id);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const updatedAt = info.mtime.toISOString();
  if (info.size > MAX_BYTES)
    return { id, updatedAt, ok: false, error: `Unreadable: the file is larger than ${MAX_BYTES / 1024 / 1024} MB.` };
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    console.error(`[experiments] reading ${file}:`, error);
    return null;
  });
  if (text === null) return { id, updatedAt, ok: false, error: "Unreadable: the file could not be read." };
  return { id, updatedAt, ...parseReportText(id, text) };
}

/**
 * Every `*.json` in the experiments folder, newest first; unreadable files after the readable ones. A
 * file whose name is not a valid id is listed as unreadable too (it cannot be opened by id).
 */
export async function listExperiments(): Promise<ExperimentEntry[]> {
  const names = await readdir(EXPERIMENTS_DIR).catch(() => [] as string[]);
  const entries = await Promise.all(
    names
      .filter((name) => name.endsWith(".json"))
      .map(async (name): Promise<ExperimentEntry | null> => {
        const id = name.slice(0, -".json".length);
        if (isExperimentId(id)) return readEntry(id);
        const info = await stat(path.join(EXPERIMENTS_DIR, name)).catch(() => null);
        if (!info?.isFile()) return null;
        return {
          id,
          updatedAt: info.mtime.toISOString(),
          ok: false,
          error: "Unreadable: the file name is not an experiment id (lower-case letters, digits and dashes).",
        };
      }),
  );
  return entries.filter((e): e is ExperimentEntry => e !== null).sort(byNewest);
}

function byNewest(a: ExperimentEntry, b: ExperimentEntry): number {
  if (a.ok !== b.ok) return a.ok ? -1 : 1;
  const time = (e: ExperimentEntry) => (e.ok ? e.report.createdAt : e.updatedAt);
  return time(b).localeCompare(time(a)) || a.id.localeCompare(b.id);
}

/** One experiment: 404 when there is no such file, 422 (with the reason) when it is not a valid report. */
export async function readExperiment(id: string): Promise<{ report: ExperimentReport; updatedAt: string }> {
  const entry = await readEntry(id);
  if (!entry) throw new AppError("not_found", "No such experiment.");
  if (!entry.ok) throw new AppError("invalid", entry.error);
  return { report: entry.report, updatedAt: entry.updatedAt };
}

/** The file's bytes as the harness wrote them, for download (valid or not). */
export async function readExperimentFile(id: string): Promise<Buffer> {
  const file = fileOf(id);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AppError("not_found", "No such experiment.");
  return readFile(file);
}

/**
 * Marks a report that its harness left "running" (the process was stopped or died) as finished with
 * `status` and a reason, written whole (temporary file, then rename) as the harness writes it. A
 * report that already finished, or that is missing or unreadable, is left alone.
 */
export async function finishReport(id: string, status: "failed" | "cancelled", error: string): Promise<void> {
  const entry = await readEntry(id);
  if (!entry?.ok || entry.report.status !== "running") return;
  const report: ExperimentReport = { ...entry.report, status, error, finishedAt: new Date().toISOString() };
  const file = fileOf(id);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(parseReport(report), null, 2)}\n`);
  await rename(temp, file);
}

import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors";
import { harnessArgs, jobReportId, type JobSettings, type JobStatus, type JobView } from "../eval/job-settings";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { finishReport } from "./experiments";

/**
 * Experiments started from the Experiments page: the evaluation harness (scripts/eval.ts, the code
 * `npm run eval` runs) in a child process of the app instance that was asked, writing its report where
 * the page reads reports (DATA_DIR/experiments), so its progress shows as any report's does.
 *
 * One at a time across app instances: a job holds the unique `slot` "active" while it runs, so a
 * second insert fails in the database (409) whichever instance tries. The instance that runs the child
 * writes a heartbeat every few seconds and reads whether someone asked to cancel (on any instance);
 * a running job whose heartbeat stopped (its instance died) is marked failed and frees the slot at the
 * next start or listing. A cancelled or dead harness leaves its report "running": it is marked
 * cancelled or failed with the reason.
 */
const HEARTBEAT_MS = 2_000;
const STALE_MS = 30_000;
/** After SIGTERM, how long the harness has to stop before SIGKILL. */
const KILL_GRACE_MS = 5_000;
const INSTANCE = `${os.hostname()}:${process.pid}`;

const jobFields = {
  id: true,
  reportId: true,
  status: true,
  startedBy: true,
  createdAt: true,
  finishedAt: true,
  cancelRequestedAt: true,
  error: true,
} as const satisfies Prisma.ExperimentJobSelect;

function view(job: Prisma.ExperimentJobGetPayload<{ select: typeof jobFields }>): JobView {
  const status = (["running", "done", "failed", "cancelled"] as const).find((s) => s === job.status) ?? "failed";
  return {
    id: job.id,
    reportId: job.reportId,
    status,
    startedBy: job.startedBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    cancelRequested: job.cancelRequestedAt !== null,
    error: job.error,
  };
}

/** The children this instance runs, by job id. */
const children = new Map<string, ChildProcess>();

/** Marks running jobs whose heartbeat stopped as failed, freeing the slot. */
async function reclaimStale(): Promise<void> {
  const stale = await db.experimentJob.findMany({
    where: { status: "running", heartbeatAt: { lt: new Date(Date.now() - STALE_MS) } },
    select: { id: true, reportId: true },
  });
  for (const job of stale) {
    if (children.has(job.id)) continue;
    const error = "The app instance that ran this experiment stopped before it finished.";
    await db.experimentJob.update({ where: { id: job.id }, data: { status: "failed", slot: null, error, finishedAt: new Date() } });
    await finishReport(job.reportId, "failed", error);
  }
}

/** The running job, if any (after reclaiming dead ones). */
export async function activeJob(): Promise<JobView | null> {
  await reclaimStale();
  const job = await db.experimentJob.findFirst({ where: { slot: "active" }, select: jobFields });
  return job ? view(job) : null;
}

/** The harness: tsx's CLI under this Node, from the project folder, with the react-server condition (as `npm run eval`). */
function harnessCommand(args: readonly string[]): { command: string; args: string[] } {
  const cli = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  if (!existsSync(cli)) throw new AppError("conflict", "The evaluation harness cannot run here: tsx is not installed in node_modules.");
  return { command: process.execPath, args: [cli, "--conditions=react-server", path.join("scripts", "eval.ts"), ...args] };
}

/** Starts the harness with these settings; 409 while another experiment runs. */
export async function startJob(settings: JobSettings, user: CurrentUser): Promise<JobView> {
  await reclaimStale();
  const now = new Date();
  const reportId = jobReportId(now, randomBytes(3).toString("hex"));
  const { command, args } = harnessCommand(harnessArgs(settings, reportId));
  let job;
  try {
    job = await db.experimentJob.create({
      data: { reportId, status: "running", slot: "active", settings, startedBy: user.name, instance: INSTANCE, heartbeatAt: now },
      select: jobFields,
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const active = await db.experimentJob.findFirst({ where: { slot: "active" }, select: jobFields });
    throw new AppError(
      "conflict",
      active
        ? `An experiment is already running (${active.reportId}, started by ${active.startedBy}): wait for it to finish or cancel it.`
        : "Another experiment was started at the same moment; reload the page.",
      active ? { active: view(active) } : undefined,
    );
  }
  const child = spawn(command, args, { cwd: process.cwd(), env: process.env, stdio: ["ignore", "ignore", "pipe"] });
  children.set(job.id, child);
  supervise(job.id, reportId, child);
  if (child.pid !== undefined) await db.experimentJob.update({ where: { id: job.id }, data: { pid: child.pid } });
  return view(job);
}

/** Heartbeat and cancel requests while the child runs; the outcome when it exits. */
function supervise(jobId: string, reportId: string, child: ChildProcess): void {
  let stderr = "";
  let killTimer: NodeJS.Timeout | null = null;
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => {
    if (killTimer || child.exitCode !== null) return;
    child.kill("SIGTERM");
    killTimer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
  };
  const beat = setInterval(() => {
    db.experimentJob
      .update({ where: { id: jobId }, data: { heartbeatAt: new Date() }, select: { cancelRequestedAt: true } })
      .then((job) => {
        if (job.cancelRequestedAt) stop();
      })
      .catch((error: unknown) => console.error(`[experiments] heartbeat of ${reportId}:`, error));
  }, HEARTBEAT_MS);
  stopping.set(jobId, stop);

  const finish = async (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
    clearInterval(beat);
    if (killTimer) clearTimeout(killTimer);
    children.delete(jobId);
    stopping.delete(jobId);
    const job = await db.experimentJob.findUnique({ where: { id: jobId }, select: { cancelRequestedAt: true, cancelledBy: true } });
    const lastLines = stderr
      .trim()
      .split("\n")
      .slice(-3)
      .join(" ")
      .replace(/^eval: /, "");
    const status: JobStatus = job?.cancelRequestedAt ? "cancelled" : code === 0 ? "done" : "failed";
    const error =
      status === "cancelled"
        ? `Cancelled by ${job?.cancelledBy ?? "a user"}.`
        : status === "failed"
          ? spawnError
            ? `The harness could not start: ${spawnError.message}`
            : `The harness stopped (${signal ? `signal ${signal}` : `exit code ${code}`})${lastLines ? `: ${lastLines}` : "."}`
          : null;
    if (status !== "done") await finishReport(reportId, status, error ?? "").catch((e: unknown) => console.error(e));
    await db.experimentJob.update({ where: { id: jobId }, data: { status, slot: null, error, finishedAt: new Date() } });
  };
  child.once("error", (error) => void finish(null, null, error).catch((e: unknown) => console.error(`[experiments] ${reportId}:`, e)));
  child.once("exit", (code, signal) => void finish(code, signal).catch((e: unknown) => console.error(`[experiments] ${reportId}:`, e)));
}

/** Stops the local child at once, by job id (set while it runs). */
const stopping = new Map<string, () => void>();

/**
 * Asks the running experiment with this report id to stop: recorded in the database (the instance
 * running it stops it at its next heartbeat), and at once when it runs here. 404 for a report that was
 * not started from the page, 409 when it has finished.
 */
export async function cancelJob(reportId: string, user: CurrentUser): Promise<JobView> {
  const job = await db.experimentJob.findUnique({ where: { reportId }, select: { ...jobFields, cancelRequestedAt: true } });
  if (!job) throw new AppError("not_found", "No experiment with this id was started from the app.");
  if (job.status !== "running") throw new AppError("conflict", `This experiment has already finished (${job.status}).`);
  const updated = await db.experimentJob.update({
    where: { id: job.id },
    data: { cancelRequestedAt: job.cancelRequestedAt ?? new Date(), cancelledBy: user.name },
    select: jobFields,
  });
  stopping.get(job.id)?.();
  return view(updated);
}

/** The most recently started job, if any. */
export async function latestJob(): Promise<JobView | null> {
  const job = await db.experimentJob.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: jobFields });
  return job ? view(job) : null;
}

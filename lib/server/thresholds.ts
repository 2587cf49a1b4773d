import "server-only";
import { AppError } from "../errors";
import type { CreateThresholdInput } from "../validations/threshold";
import { db } from "./db";
import type { ThresholdView } from "./runs";

function view(t: { value: number; kind: string; f1: number | null; precision: number | null; recall: number | null; labelCount: number; createdAt: Date }): ThresholdView {
  return { value: t.value, kind: t.kind, f1: t.f1, precision: t.precision, recall: t.recall, labelCount: t.labelCount, createdAt: t.createdAt.toISOString() };
}

/**
 * Stores the threshold a browser computed from the labels, only on a complete run: a refined one,
 * or the note that the labels no longer refine it (kind "withdrawn", see currentThresholds).
 */
export async function createLabelThreshold(runId: string, input: CreateThresholdInput, userId: string): Promise<ThresholdView> {
  const run = await db.detectorRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) throw new AppError("not_found", "No such run.");
  if (run.status !== "complete") throw new AppError("conflict", `Thresholds need a complete run; this one is ${run.status}.`);
  const { source, ...values } = input;
  const row = await db.threshold.create({ data: { runId, kind: source === "refined" ? "refined" : "withdrawn", createdById: userId, ...values } });
  return view(row);
}

/** Every threshold of a run, newest first. */
export async function listThresholds(runId: string): Promise<ThresholdView[]> {
  const rows = await db.threshold.findMany({ where: { runId }, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map(view);
}

import "server-only";
import { AppError } from "../errors";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import type { Prisma } from "./generated/prisma/client";

/** The one place the rule lives: experts reach only the datasets assigned to them; admins and analysts reach all. */
export function visibleDatasets(user: { id: string; role: string }): Prisma.DatasetWhereInput {
  return user.role === "expert" ? { assignments: { some: { userId: user.id } } } : {};
}

/** Experts reach only the datasets assigned to them; admins and analysts reach all. */
export async function assertDatasetAccess(user: CurrentUser, datasetId: string): Promise<void> {
  const dataset = await db.dataset.findFirst({
    where: { id: datasetId, ...visibleDatasets(user) },
    select: { id: true },
  });
  if (!dataset) throw new AppError("not_found", "No such dataset, or it is not assigned to you.");
}

export async function assertRunAccess(user: CurrentUser, runId: string): Promise<{ datasetId: string }> {
  const run = await db.detectorRun.findUnique({ where: { id: runId }, select: { datasetId: true } });
  if (!run) throw new AppError("not_found", "No such run.");
  await assertDatasetAccess(user, run.datasetId);
  return run;
}

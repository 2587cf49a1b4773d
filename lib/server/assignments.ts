import "server-only";
import { AppError } from "../errors";
import { db } from "./db";

/** `active`: false for a deactivated expert (kept in the list when assigned, but not assignable anew). */
export type ExpertAssignment = { id: string; name: string; email: string; assigned: boolean; active: boolean };

async function assertDataset(datasetId: string): Promise<void> {
  const found = await db.dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
  if (!found) throw new AppError("not_found", "No such dataset.");
}

/** Every expert, and whether the dataset is assigned to them (experts see and label only those). */
export async function listDatasetExperts(datasetId: string): Promise<ExpertAssignment[]> {
  await assertDataset(datasetId);
  const experts = await db.user.findMany({
    where: { role: "expert" },
    orderBy: { email: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      deactivatedAt: true,
      assignments: { where: { datasetId }, select: { userId: true } },
    },
  });
  return experts.map(({ assignments, deactivatedAt, ...e }) => ({
    ...e,
    assigned: assignments.length > 0,
    active: deactivatedAt === null,
  }));
}

/**
 * Replaces the dataset's experts with `userIds`, all or nothing; every id must be an expert's, and one
 * not assigned yet must be active (a deactivated expert already assigned may stay, for when they return).
 */
export async function setDatasetAssignments(datasetId: string, userIds: string[]): Promise<ExpertAssignment[]> {
  await assertDataset(datasetId);
  await db.$transaction(async (tx) => {
    const experts = await tx.user.findMany({ where: { id: { in: userIds }, role: "expert" }, select: { id: true, deactivatedAt: true } });
    if (experts.length !== userIds.length) {
      const known = new Set(experts.map((e) => e.id));
      throw new AppError("invalid", "Only experts can be assigned to a dataset.", { notExperts: userIds.filter((id) => !known.has(id)) });
    }
    await tx.datasetAssignment.deleteMany({ where: { datasetId, userId: { notIn: userIds } } });
    const existing = await tx.datasetAssignment.findMany({ where: { datasetId }, select: { userId: true } });
    const have = new Set(existing.map((a) => a.userId));
    const inactive = experts.filter((e) => e.deactivatedAt !== null && !have.has(e.id)).map((e) => e.id);
    if (inactive.length > 0) {
      throw new AppError("invalid", "A deactivated expert cannot be assigned to a dataset: reactivate the account first.", { inactive });
    }
    const add = userIds.filter((id) => !have.has(id));
    if (add.length > 0) await tx.datasetAssignment.createMany({ data: add.map((userId) => ({ datasetId, userId })) });
  });
  return listDatasetExperts(datasetId);
}

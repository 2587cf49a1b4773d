import "server-only";
import { AppError } from "../errors";
import { db } from "./db";

export type ExpertAssignment = { id: string; name: string; email: string; assigned: boolean };

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
    select: { id: true, name: true, email: true, assignments: { where: { datasetId }, select: { userId: true } } },
  });
  return experts.map(({ assignments, ...e }) => ({ ...e, assigned: assignments.length > 0 }));
}

/** Replaces the dataset's experts with `userIds`, all or nothing; every id must be an expert's. */
export async function setDatasetAssignments(datasetId: string, userIds: string[]): Promise<ExpertAssignment[]> {
  await assertDataset(datasetId);
  await db.$transaction(async (tx) => {
    const experts = await tx.user.findMany({ where: { id: { in: userIds }, role: "expert" }, select: { id: true } });
    if (experts.length !== userIds.length) {
      const known = new Set(experts.map((e) => e.id));
      throw new AppError("invalid", "Only experts can be assigned to a dataset.", { notExperts: userIds.filter((id) => !known.has(id)) });
    }
    await tx.datasetAssignment.deleteMany({ where: { datasetId, userId: { notIn: userIds } } });
    const existing = await tx.datasetAssignment.findMany({ where: { datasetId }, select: { userId: true } });
    const have = new Set(existing.map((a) => a.userId));
    const add = userIds.filter((id) => !have.has(id));
    if (add.length > 0) await tx.datasetAssignment.createMany({ data: add.map((userId) => ({ datasetId, userId })) });
  });
  return listDatasetExperts(datasetId);
}

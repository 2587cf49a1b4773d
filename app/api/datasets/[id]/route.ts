import { NextResponse } from "next/server";
import { can } from "@/lib/roles";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { getDatasetDetail } from "@/lib/server/datasets";
import { deleteDataset } from "@/lib/server/deletion";
import { deleteDatasetSchema } from "@/lib/validations/deletion";

type Params = { params: Promise<{ id: string }> };

export const GET = handler("/api/datasets/[id]", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  return NextResponse.json(await getDatasetDetail(id, user, can(user.role, "viewGroundTruth")));
});

/** Admins: the dataset and everything on it (runs, scores, queries, labels), audited; the body names it. */
export const DELETE = handler("/api/datasets/[id]", async (request, { params }: Params) => {
  const user = await requireApiUser("deleteData");
  const { id } = await params;
  const { confirmName } = await readJson(request, deleteDatasetSchema);
  return NextResponse.json({ deleted: await deleteDataset(id, confirmName, user) });
});

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { listDatasetExperts, setDatasetAssignments } from "@/lib/server/assignments";
import { requireApiUser } from "@/lib/server/auth";
import { datasetAssignmentsSchema } from "@/lib/validations/assignment";

type Params = { params: Promise<{ id: string }> };

/** Every expert and whether this dataset is assigned to them (admins). */
export const GET = handler("/api/datasets/[id]/assignments", async (_request, { params }: Params) => {
  await requireApiUser("manageUsers");
  const { id } = await params;
  return NextResponse.json({ experts: await listDatasetExperts(id) });
});

/** The dataset's experts, replaced as a whole (admins). */
export const PUT = handler("/api/datasets/[id]/assignments", async (request, { params }: Params) => {
  await requireApiUser("manageUsers");
  const { id } = await params;
  // Up to 10,000 user ids.
  const { userIds } = await readJson(request, datasetAssignmentsSchema, { maxBytes: 4 * 1024 * 1024 });
  return NextResponse.json({ experts: await setDatasetAssignments(id, userIds) });
});

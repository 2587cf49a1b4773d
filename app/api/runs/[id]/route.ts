import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { deleteRun } from "@/lib/server/deletion";
import { getRun, updateRun } from "@/lib/server/runs";
import { deleteRunSchema } from "@/lib/validations/deletion";
import { updateRunSchema } from "@/lib/validations/run";

type Params = { params: Promise<{ id: string }> };

export const GET = handler("/api/runs/[id]", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  return NextResponse.json({ run: await getRun(id) });
});

/** Heartbeat, progress and final status from the browser that trains the run. */
export const PATCH = handler("/api/runs/[id]", async (request, { params }: Params) => {
  await requireApiUser("startRuns");
  const { id } = await params;
  // The final report carries every epoch's losses (up to 10,000).
  const patch = await readJson(request, updateRunSchema, { maxBytes: 4 * 1024 * 1024 });
  return NextResponse.json({ run: await updateRun(id, patch) });
});

/** Admins: the run with its scores, batches, queries, labels and thresholds, audited. */
export const DELETE = handler("/api/runs/[id]", async (request, { params }: Params) => {
  const user = await requireApiUser("deleteData");
  const { id } = await params;
  await readJson(request, deleteRunSchema);
  return NextResponse.json({ deleted: await deleteRun(id, user) });
});

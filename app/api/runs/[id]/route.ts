import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { getRun, updateRun } from "@/lib/server/runs";
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

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { createLabelThreshold, listThresholds } from "@/lib/server/thresholds";
import { createThresholdSchema } from "@/lib/validations/threshold";

type Params = { params: Promise<{ id: string }> };

/** The run's thresholds, newest first. */
export const GET = handler("/api/runs/[id]/thresholds", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  return NextResponse.json({ thresholds: await listThresholds(id) }, { headers: { "cache-control": "private, no-store" } });
});

/** The threshold the labels lead to, computed in the browser; experts, analysts and admins may post. */
export const POST = handler("/api/runs/[id]/thresholds", async (request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  const input = await readJson(request, createThresholdSchema);
  return NextResponse.json({ threshold: await createLabelThreshold(id, input, user.id) }, { status: 201 });
});

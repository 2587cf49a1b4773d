import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { listRunLabels } from "@/lib/server/labels";

type Params = { params: Promise<{ id: string }> };

/** Every labelled query of the run with its stretch and all its labels (the latest counts). */
export const GET = handler("/api/runs/[id]/labels", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  return NextResponse.json({ queries: await listRunLabels(id) }, { headers: { "cache-control": "private, no-store" } });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { listThresholds } from "@/lib/server/thresholds";

type Params = { params: Promise<{ id: string }> };

/**
 * The run's thresholds, newest first (read-only: the server stores the refined one after every label
 * change, and an admin sets a manual one through /api/runs/[id]/manual-threshold).
 */
export const GET = handler("/api/runs/[id]/thresholds", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  return NextResponse.json({ thresholds: await listThresholds(id) }, { headers: { "cache-control": "private, no-store" } });
});

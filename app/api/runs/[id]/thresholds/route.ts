import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { listThresholds } from "@/lib/server/thresholds";
import { thresholdPageSchema } from "@/lib/validations/threshold";

type Params = { params: Promise<{ id: string }> };

/**
 * The run's thresholds, newest first (read-only: the server stores the refined one after every label
 * change, and an admin sets a manual one through /api/runs/[id]/manual-threshold). Paged:
 * `?limit=` (1–1000, default 500) and `?after=<next of the previous page>`; `next` is null on the last page.
 */
export const GET = handler("/api/runs/[id]/thresholds", async (request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  const page = thresholdPageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await listThresholds(id, page), { headers: { "cache-control": "private, no-store" } });
});

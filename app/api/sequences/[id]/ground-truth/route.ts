import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { readGroundTruth } from "@/lib/server/series";

type Params = { params: Promise<{ id: string }> };

/** Ground truth of a sequence: for admins and analysts only (403 for experts). */
export const GET = handler("/api/sequences/[id]/ground-truth", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewGroundTruth");
  const { id } = await params;
  return NextResponse.json({ groundTruth: await readGroundTruth(id, user) }, { headers: { "cache-control": "private, no-store" } });
});

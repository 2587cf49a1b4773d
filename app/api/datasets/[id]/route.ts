import { NextResponse } from "next/server";
import { can } from "@/lib/roles";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { getDatasetDetail } from "@/lib/server/datasets";

type Params = { params: Promise<{ id: string }> };

export const GET = handler("/api/datasets/[id]", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  return NextResponse.json(await getDatasetDetail(id, user, can(user.role, "viewGroundTruth")));
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { listDatasets } from "@/lib/server/datasets";

export const GET = handler("/api/datasets", async () => {
  const user = await requireApiUser("viewDatasets");
  return NextResponse.json({ datasets: await listDatasets(user) });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { listExperiments } from "@/lib/server/experiments";

/** Every experiment report, newest first; unreadable files listed with the reason. */
export const GET = handler("/api/experiments", async () => {
  await requireApiUser("analyse");
  return NextResponse.json({ experiments: await listExperiments() }, { headers: { "cache-control": "no-store" } });
});

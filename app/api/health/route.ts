import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { db } from "@/lib/server/db";

/** Ready when the database answers; used by the e2e setup and by deployments. */
export const GET = handler("/api/health", async () => {
  const users = await db.user.count();
  return NextResponse.json({ ok: true, users });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { db } from "@/lib/server/db";

/** Ready when the database answers; used by the e2e setup and by deployments. Says nothing about the data. */
export const GET = handler("/api/health", async () => {
  await db.$queryRaw`SELECT 1`;
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { cancelJob } from "@/lib/server/experiment-jobs";
import { readExperiment } from "@/lib/server/experiments";

type Params = { params: Promise<{ id: string }> };

/** One validated report (the page polls it while the harness runs): 404 unknown, 422 unreadable. */
export const GET = handler("/api/experiments/[id]", async (_request, { params }: Params) => {
  await requireApiUser("analyse");
  const { id } = await params;
  return NextResponse.json(await readExperiment(id), { headers: { "cache-control": "no-store" } });
});

/** Cancels the running experiment started from the app with this report id (admins): 404 not one, 409 finished. */
export const DELETE = handler("/api/experiments/[id]", async (_request, { params }: Params) => {
  const user = await requireApiUser("runExperiments");
  const { id } = await params;
  return NextResponse.json({ job: await cancelJob(id, user) });
});

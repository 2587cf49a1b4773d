import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { jobSettingsSchema } from "@/lib/eval/job-settings";
import { activeJob, startJob } from "@/lib/server/experiment-jobs";
import { listExperiments } from "@/lib/server/experiments";

/** Every experiment report, newest first; unreadable files listed with the reason; the running job started from the app, if any. */
export const GET = handler("/api/experiments", async () => {
  await requireApiUser("analyse");
  const [experiments, active] = await Promise.all([listExperiments(), activeJob()]);
  return NextResponse.json({ experiments, active }, { headers: { "cache-control": "no-store" } });
});

/**
 * Starts the evaluation harness with the page's settings (admins; lib/eval/job-settings.ts): 201 with
 * the job, whose report id names the report that appears in the list; 409 while one runs.
 */
export const POST = handler("/api/experiments", async (request) => {
  const user = await requireApiUser("runExperiments");
  const settings = await readJson(request, jobSettingsSchema);
  return NextResponse.json({ job: await startJob(settings, user) }, { status: 201 });
});

import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { handler, readJson } from "@/lib/server/api";
import { assertDatasetAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { createRun, listRuns } from "@/lib/server/runs";
import { createRunSchema } from "@/lib/validations/run";

export const GET = handler("/api/runs", async (request) => {
  const user = await requireApiUser("viewDatasets");
  const datasetId = new URL(request.url).searchParams.get("datasetId");
  if (!datasetId) throw new AppError("bad_request", "Give a datasetId.");
  await assertDatasetAccess(user, datasetId);
  return NextResponse.json({ runs: await listRuns(datasetId) });
});

export const POST = handler("/api/runs", async (request) => {
  const user = await requireApiUser("startRuns");
  const input = await readJson(request, createRunSchema);
  const run = await createRun({ ...input, userId: user.id });
  return NextResponse.json({ run }, { status: 201 });
});

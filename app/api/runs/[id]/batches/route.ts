import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { createBatch, listBatches, queriedKeys } from "@/lib/server/queries";
import { createBatchSchema } from "@/lib/validations/query";

type Params = { params: Promise<{ id: string }> };

/** The run's query batches, and every key of the dataset already queried (by any run). */
export const GET = handler("/api/runs/[id]/batches", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  const { datasetId } = await assertRunAccess(user, id);
  const [batches, queried] = await Promise.all([listBatches(id), queriedKeys(datasetId)]);
  return NextResponse.json({ batches, queriedKeys: queried });
});

/** Stores a batch the browser selected (query worker); refuses stretches queried before (409). */
export const POST = handler("/api/runs/[id]/batches", async (request, { params }: Params) => {
  const user = await requireApiUser("requestQueries");
  const { id } = await params;
  await assertRunAccess(user, id);
  // Up to 1,000 picks, each with its reason.
  const input = await readJson(request, createBatchSchema, { maxBytes: 4 * 1024 * 1024 });
  return NextResponse.json({ batch: await createBatch(id, input, user.id) }, { status: 201 });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { getProgress, loadUpload, removeUpload } from "@/lib/server/import-staging";

type Params = { params: Promise<{ uploadId: string }> };

/** Progress of the import (for the progress bar); null before it starts. */
export const GET = handler("/api/datasets/uploads/[uploadId]", async (_request, { params }: Params) => {
  await requireApiUser("uploadDatasets");
  const { uploadId } = await params;
  return NextResponse.json({ progress: await getProgress(uploadId) }, { headers: { "cache-control": "no-store" } });
});

/** Cancels an upload and removes its staged files. */
export const DELETE = handler("/api/datasets/uploads/[uploadId]", async (_request, { params }: Params) => {
  const user = await requireApiUser("uploadDatasets");
  const { uploadId } = await params;
  await loadUpload(uploadId, user.id);
  await removeUpload(uploadId);
  return new Response(null, { status: 204 });
});

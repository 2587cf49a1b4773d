import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { importUpload } from "@/lib/server/import";

type Params = { params: Promise<{ uploadId: string }> };

/** Imports the uploaded files with the upload's mapping: 201 with the new dataset, or 422 naming file, line and column. */
export const POST = handler("/api/datasets/uploads/[uploadId]/import", async (_request, { params }: Params) => {
  const user = await requireApiUser("uploadDatasets");
  const { uploadId } = await params;
  return NextResponse.json(await importUpload(uploadId, user.id), { status: 201 });
});

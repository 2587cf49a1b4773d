import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { createUpload } from "@/lib/server/import-staging";
import { createUploadSchema } from "@/lib/validations/dataset-import";

/** Starts an upload: the mapping and the list of files (then PUT each file, then POST …/import). */
export const POST = handler("/api/datasets/uploads", async (request) => {
  const user = await requireApiUser("uploadDatasets");
  const input = await readJson(request, createUploadSchema);
  return NextResponse.json(await createUpload(input, user.id), { status: 201 });
});

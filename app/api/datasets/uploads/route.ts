import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { createUpload } from "@/lib/server/import-staging";
import { createUploadSchema } from "@/lib/validations/dataset-import";

/** Starts an upload: the mapping and the list of files (then PUT each file, then POST …/import). */
export const POST = handler("/api/datasets/uploads", async (request) => {
  const user = await requireApiUser("uploadDatasets");
  // Up to 2,000 file names and 1,024 channel names.
  const input = await readJson(request, createUploadSchema, { maxBytes: 4 * 1024 * 1024 });
  return NextResponse.json(await createUpload(input, user.id), { status: 201 });
});

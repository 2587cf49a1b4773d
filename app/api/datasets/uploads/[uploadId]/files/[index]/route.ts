import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { IMPORT_LIMITS } from "@/lib/import/limits";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { receiveFile } from "@/lib/server/import-staging";
import { fileIndexSchema } from "@/lib/validations/dataset-import";

type Params = { params: Promise<{ uploadId: string; index: string }> };

/** One file of an upload, as the raw request body (streamed to disk, never buffered whole). */
export const PUT = handler("/api/datasets/uploads/[uploadId]/files/[index]", async (request, { params }: Params) => {
  const user = await requireApiUser("uploadDatasets");
  const { uploadId, index } = await params;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > IMPORT_LIMITS.maxFileBytes) {
    throw new AppError("too_large", `A file may hold at most ${IMPORT_LIMITS.maxFileBytes / 2 ** 20} MiB.`);
  }
  return NextResponse.json(await receiveFile(uploadId, fileIndexSchema.parse(index), request.body, user.id));
});

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { resolveQuery } from "@/lib/server/labels";
import { resolveQuerySchema } from "@/lib/validations/label";

type Params = { params: Promise<{ id: string }> };

/** An admin settles which of a query's labels counts (null: the latest again); answers with the threshold the server recomputed. */
export const PUT = handler("/api/queries/[id]/resolution", async (request, { params }: Params) => {
  const user = await requireApiUser("resolveLabels");
  const { id } = await params;
  const { labelId } = await readJson(request, resolveQuerySchema);
  return NextResponse.json(await resolveQuery(user, id, labelId));
});

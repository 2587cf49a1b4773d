import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { deleteLabel } from "@/lib/server/labels";
import { clientIdSchema } from "@/lib/validations/label";

type Params = { params: Promise<{ clientId: string }> };

/** Undo: the author deletes their label; answers with the run's threshold as the server recomputed and stored it. */
export const DELETE = handler("/api/labels/[clientId]", async (_request, { params }: Params) => {
  const user = await requireApiUser("label");
  const clientId = clientIdSchema.parse((await params).clientId);
  return NextResponse.json(await deleteLabel(user, clientId));
});

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { updateSplits } from "@/lib/server/splits";
import { splitChangesSchema } from "@/lib/validations/split";

type Params = { params: Promise<{ id: string }> };

/**
 * Moves sequences to other splits (admins, before the dataset's first run): 403 for other roles,
 * 409 once the dataset has a run, 422 for a change that is not allowed (unknown sequence, no training
 * sequence left, a unit cut in two). Answers every sequence's split and whether the training
 * statistics were recomputed.
 */
export const PATCH = handler("/api/datasets/[id]/splits", async (request, { params }: Params) => {
  const user = await requireApiUser("editSplits");
  const { id } = await params;
  const { changes } = await readJson(request, splitChangesSchema);
  return NextResponse.json(await updateSplits(id, changes, user.id));
});

import { AppError } from "@/lib/errors";
import { binaryResponse, handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { getScores } from "@/lib/server/runs";

type Params = { params: Promise<{ id: string; sequenceId: string }> };

/** The per-step anomaly score of one sequence as little-endian float32. */
export const GET = handler("/api/runs/[id]/scores/[sequenceId]", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id, sequenceId } = await params;
  await assertRunAccess(user, id);
  const scores = await getScores(id, sequenceId);
  if (!scores) throw new AppError("not_found", "This sequence has no scores in this run.");
  return binaryResponse(new Uint8Array(scores.data), { "x-score-max": String(scores.max) });
});

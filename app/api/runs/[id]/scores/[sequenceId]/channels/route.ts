import { AppError } from "@/lib/errors";
import { binaryResponse, handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { getChannelScores } from "@/lib/server/runs";

type Params = { params: Promise<{ id: string; sequenceId: string }> };

/**
 * One sequence's per-channel anomaly scores (each channel's negative log-likelihood; they add up to
 * the score) as little-endian float32, channel-major: channel c's step t at c·length + t. The headers
 * say the length and the channel count.
 */
export const GET = handler("/api/runs/[id]/scores/[sequenceId]/channels", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id, sequenceId } = await params;
  await assertRunAccess(user, id);
  const scores = await getChannelScores(id, sequenceId);
  if (!scores) throw new AppError("not_found", "This sequence has no scores in this run.");
  const data = scores.channelData ? new Uint8Array(scores.channelData) : new Uint8Array(0);
  if (data.length === 0 || scores.length === 0) throw new AppError("not_found", "This run stored no per-channel scores for this sequence.");
  const channels = data.length / 4 / scores.length;
  return binaryResponse(data, { "x-score-length": String(scores.length), "x-score-channels": String(channels) });
});

import { AppError } from "@/lib/errors";
import { decodeFrame } from "@/lib/binary-frame";
import { decodeFloat32, firstNonFinite } from "@/lib/series/chunks";
import { handler, readBinary } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { saveScores, scoreRow } from "@/lib/server/runs";
import { scoresHeaderSchema } from "@/lib/validations/run";

type Params = { params: Promise<{ id: string }> };
const MAX_SCORE_BYTES = 512 * 1024 * 1024;

/** One sequence's anomaly scores: a frame of { sequenceId, length, channels }, then float32 per step and per channel, all finite (422 otherwise). */
export const PUT = handler("/api/runs/[id]/scores", async (request, { params }: Params) => {
  await requireApiUser("startRuns");
  const { id } = await params;
  const { header, body } = decodeFrame(await readBinary(request, MAX_SCORE_BYTES));
  const meta = scoresHeaderSchema.parse(header);
  if (body.length % 4 !== 0) throw new AppError("invalid", `The scores hold ${body.length} bytes, not a whole number of float32 values.`);
  const values = decodeFloat32(body);
  if (values.length !== meta.length * (1 + meta.channels)) {
    throw new AppError("invalid", `Expected ${meta.length * (1 + meta.channels)} scores, got ${values.length}.`);
  }
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    const where =
      bad < meta.length
        ? `the score of step ${bad}`
        : `the channel score of step ${(bad - meta.length) % meta.length} of channel ${Math.floor((bad - meta.length) / meta.length)}`;
    throw new AppError("invalid", `Scores must be finite numbers; ${where} is ${values[bad]}.`);
  }
  await saveScores(id, scoreRow(meta.sequenceId, values.subarray(0, meta.length), values.subarray(meta.length)));
  return new Response(null, { status: 204 });
});

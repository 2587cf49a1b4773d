import { encodeFrame } from "@/lib/binary-frame";
import { binaryResponse, handler } from "@/lib/server/api";
import { assertDatasetAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { readSequence } from "@/lib/server/sequence-data";

type Params = { params: Promise<{ id: string; sequenceId: string }> };

/**
 * A whole sequence for training and scoring in the browser: a frame of { length, channels } then
 * float32 channel-major values. (Plots use the downsampled series API instead.)
 */
export const GET = handler("/api/datasets/[id]/sequences/[sequenceId]/raw", async (_request, { params }: Params) => {
  const user = await requireApiUser("startRuns");
  const { id, sequenceId } = await params;
  await assertDatasetAccess(user, id);
  const { length, columns } = await readSequence(id, sequenceId);
  const body = new Uint8Array(length * columns.length * 4);
  const view = new Float32Array(body.buffer);
  columns.forEach((column, c) => view.set(column, c * length));
  return binaryResponse(encodeFrame({ length, channels: columns.length }, body));
});

import { AppError } from "@/lib/errors";
import { decodeFrame, encodeFrame } from "@/lib/binary-frame";
import { binaryResponse, handler, readBinary } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { getWeights, saveWeights } from "@/lib/server/runs";
import { weightsHeaderSchema } from "@/lib/validations/run";

type Params = { params: Promise<{ id: string }> };
const MAX_WEIGHTS_BYTES = 256 * 1024 * 1024;

/** The trained model: a binary frame of { kind, config, specs } and the concatenated float32 weights. */
export const PUT = handler("/api/runs/[id]/weights", async (request, { params }: Params) => {
  await requireApiUser("startRuns");
  const { id } = await params;
  const { header, body } = decodeFrame(await readBinary(request, MAX_WEIGHTS_BYTES));
  const spec = weightsHeaderSchema.parse(header);
  const expected = spec.specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (expected !== body.length) throw new AppError("invalid", `The weights hold ${body.length} bytes; their specs say ${expected}.`);
  await saveWeights(id, spec, new Uint8Array(body));
  return new Response(null, { status: 204 });
});

export const GET = handler("/api/runs/[id]/weights", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  const saved = await getWeights(id);
  if (!saved) throw new AppError("not_found", "This run has no saved weights.");
  return binaryResponse(encodeFrame(saved.spec, saved.weights));
});

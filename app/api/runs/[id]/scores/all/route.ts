import { encodeFrame } from "@/lib/binary-frame";
import { binaryResponse, handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { db } from "@/lib/server/db";

type Params = { params: Promise<{ id: string }> };

/** Every sequence's score in one frame: header [{ sequenceId, length }], then the float32 series in that order. */
export const GET = handler("/api/runs/[id]/scores/all", async (_request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  await assertRunAccess(user, id);
  const rows = await db.score.findMany({
    where: { runId: id },
    select: { sequenceId: true, length: true, data: true },
    orderBy: { sequence: { index: "asc" } },
  });
  const body = new Uint8Array(rows.reduce((n, r) => n + r.data.length, 0));
  let offset = 0;
  for (const r of rows) {
    body.set(r.data, offset);
    offset += r.data.length;
  }
  return binaryResponse(
    encodeFrame(
      rows.map((r) => ({ sequenceId: r.sequenceId, length: r.length })),
      body,
    ),
  );
});

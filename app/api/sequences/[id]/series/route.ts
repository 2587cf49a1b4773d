import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { readSeries } from "@/lib/server/series";
import { seriesQuerySchema } from "@/lib/validations/dataset-series";

type Params = { params: Promise<{ id: string }> };

/** GET ?from=&to=&points=&channels= → per channel at most `points` points of steps [from, to) (LTTB). */
export const GET = handler("/api/sequences/[id]/series", async (request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  const query = seriesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await readSeries(id, user, query), { headers: { "cache-control": "private, no-store" } });
});

import { handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { exportRun } from "@/lib/server/export";
import { exportQuerySchema } from "@/lib/validations/export";

type Params = { params: Promise<{ id: string }> };

/**
 * A run's data as a file to download (admins and analysts): `?what=labels|predictions|scores|thresholds`,
 * `&format=csv|json` (default csv), and for predictions `&threshold=unsupervised|refined|manual|<number>`
 * (default: refined when the labels have refined it, else unsupervised; 409 when the run has no such
 * threshold). The body is streamed; the rows are described in lib/export/rows.ts.
 */
export const GET = handler("/api/runs/[id]/export", async (request, { params }: Params) => {
  const user = await requireApiUser("analyse");
  const { id } = await params;
  const query = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await assertRunAccess(user, id);
  const file = await exportRun(id, query);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
    },
  });
});

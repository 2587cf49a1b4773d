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
 * threshold); `threshold` is ignored for the other kinds. CSV: a header row, then one row per label,
 * per sequence, per step of each sequence, or per stored threshold (oldest first). JSON: `{ run, dataset,
 * what, exportedAt, rows }` with the same fields in camelCase (predictions add `threshold`; scores list
 * `sequences: [{ sequence, split, length, scores }]` instead of rows). The body is streamed; the
 * columns are described in lib/export/rows.ts.
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

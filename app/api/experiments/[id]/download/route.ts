import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { readExperimentFile } from "@/lib/server/experiments";

type Params = { params: Promise<{ id: string }> };

/** The report file as the harness wrote it, as an attachment (the id pattern keeps the name safe). */
export const GET = handler("/api/experiments/[id]/download", async (_request, { params }: Params) => {
  await requireApiUser("analyse");
  const { id } = await params;
  const bytes = await readExperimentFile(id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="experiment-${id}.json"`,
      "cache-control": "no-store",
    },
  });
});

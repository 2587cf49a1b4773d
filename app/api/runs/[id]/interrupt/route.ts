import { AppError } from "@/lib/errors";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { getRun, updateRun } from "@/lib/server/runs";

type Params = { params: Promise<{ id: string }> };

/**
 * Sent with navigator.sendBeacon when the tab that trains a run is closed (no JSON body is possible
 * there), so the run is marked interrupted at once rather than after the heartbeat times out.
 */
export const POST = handler("/api/runs/[id]/interrupt", async (request, { params }: Params) => {
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin) throw new AppError("forbidden", "Cross-site request refused.");
  await requireApiUser("startRuns");
  const { id } = await params;
  const run = await getRun(id);
  if (run.status === "running") await updateRun(id, { status: "interrupted", error: "The tab that ran it was closed." });
  return new Response(null, { status: 204 });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { assertRunAccess } from "@/lib/server/access";
import { requireApiUser } from "@/lib/server/auth";
import { runMetrics } from "@/lib/server/run-metrics";

type Params = { params: Promise<{ id: string }> };

/**
 * A run's metrics against the test split's ground truth (admins and analysts; experts 403): F1,
 * precision, recall and mean delay at the unsupervised, refined and best thresholds, F1 against the
 * threshold, and the refined threshold's history with its test F1 (lib/runs/metrics.ts).
 */
export const GET = handler("/api/runs/[id]/metrics", async (_request, { params }: Params) => {
  const user = await requireApiUser("analyse");
  const { id } = await params;
  await assertRunAccess(user, id);
  return NextResponse.json(await runMetrics(id), { headers: { "cache-control": "private, no-store" } });
});

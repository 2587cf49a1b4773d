import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { setManualThreshold } from "@/lib/server/thresholds";
import { manualThresholdSchema } from "@/lib/validations/threshold";

type Params = { params: Promise<{ id: string }> };

/** An admin sets the run's manual threshold with a reason, or clears it (value null); answers the run's current thresholds. */
export const PUT = handler("/api/runs/[id]/manual-threshold", async (request, { params }: Params) => {
  const user = await requireApiUser("setThresholds");
  const { id } = await params;
  const input = await readJson(request, manualThresholdSchema);
  return NextResponse.json({ thresholds: await setManualThreshold(id, input, user) });
});

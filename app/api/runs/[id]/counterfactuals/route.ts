import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { counterfactualSchema, MAX_COUNTERFACTUAL_STEPS } from "@/lib/runs/counterfactuals";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { getCounterfactuals, storeCounterfactual } from "@/lib/server/counterfactuals";

type Params = { params: Promise<{ id: string }> };

/** The counterfactuals cached for one sequence of a TimeVQVAE-AD run (?sequenceId=…), and the statistics that z-score it. */
export const GET = handler("/api/runs/[id]/counterfactuals", async (request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  const sequenceId = new URL(request.url).searchParams.get("sequenceId");
  if (!sequenceId) throw new AppError("invalid", "Say which sequence: ?sequenceId=…");
  return NextResponse.json(await getCounterfactuals(user, id, sequenceId));
});

/** Caches a counterfactual the browser computed; answers the sequence's cached list. */
export const PUT = handler("/api/runs/[id]/counterfactuals", async (request, { params }: Params) => {
  const user = await requireApiUser("viewDatasets");
  const { id } = await params;
  // 256 channels × the longest stretch, as JSON numbers.
  const input = await readJson(request, counterfactualSchema, { maxBytes: 32 * 256 * MAX_COUNTERFACTUAL_STEPS });
  return NextResponse.json({ counterfactuals: await storeCounterfactual(user, id, input) });
});

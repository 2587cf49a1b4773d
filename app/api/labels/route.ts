import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { createLabel } from "@/lib/server/labels";
import { createLabelSchema } from "@/lib/validations/label";

/**
 * An expert's label; a repeated clientId returns the stored label with 200 instead of a second copy.
 * Answers with the run's threshold as the server recomputed and stored it (null before the run is complete).
 */
export const POST = handler("/api/labels", async (request) => {
  const user = await requireApiUser("label");
  const input = await readJson(request, createLabelSchema);
  const { label, created, threshold } = await createLabel(user, input);
  return NextResponse.json({ label, threshold }, { status: created ? 201 : 200 });
});

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { updateUserRole } from "@/lib/server/users";
import { updateUserSchema } from "@/lib/validations/user";

type Params = { params: Promise<{ id: string }> };

export const PATCH = handler("/api/admin/users/[id]", async (request, { params }: Params) => {
  await requireApiUser("manageUsers");
  const { id } = await params;
  const { role } = await readJson(request, updateUserSchema);
  return NextResponse.json({ user: await updateUserRole(id, role) });
});

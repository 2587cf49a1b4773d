import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { updateUser } from "@/lib/server/users";
import { updateUserSchema } from "@/lib/validations/user";

type Params = { params: Promise<{ id: string }> };

/** A new role and/or a new password for a user (admins); either signs the user out everywhere. */
export const PATCH = handler("/api/admin/users/[id]", async (request, { params }: Params) => {
  await requireApiUser("manageUsers");
  const { id } = await params;
  const change = await readJson(request, updateUserSchema);
  return NextResponse.json({ user: await updateUser(id, change) });
});

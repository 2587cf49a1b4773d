import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { setUserActive, updateUser } from "@/lib/server/users";
import { updateUserSchema } from "@/lib/validations/user";

type Params = { params: Promise<{ id: string }> };

/**
 * A new role and/or a new password for a user (admins); either signs the user out everywhere. Or
 * `{ active: false }` to deactivate the account (signed out, no sign-in; not one's own), `{ active: true }`
 * to reactivate it: audited.
 */
export const PATCH = handler("/api/admin/users/[id]", async (request, { params }: Params) => {
  const me = await requireApiUser("manageUsers");
  const { id } = await params;
  const { active, ...change } = await readJson(request, updateUserSchema);
  if (active !== undefined) return NextResponse.json({ user: await setUserActive(id, active, me) });
  return NextResponse.json({ user: await updateUser(id, change) });
});

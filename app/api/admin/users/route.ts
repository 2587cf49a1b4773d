import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";
import { createUser, listUsers } from "@/lib/server/users";
import { createUserSchema } from "@/lib/validations/user";

export const GET = handler("/api/admin/users", async () => {
  await requireApiUser("manageUsers");
  return NextResponse.json({ users: await listUsers() });
});

export const POST = handler("/api/admin/users", async (request) => {
  await requireApiUser("manageUsers");
  const input = await readJson(request, createUserSchema);
  return NextResponse.json({ user: await createUser(input) }, { status: 201 });
});

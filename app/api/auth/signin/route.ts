import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { signIn } from "@/lib/server/auth";
import { signInSchema } from "@/lib/validations/user";

export const POST = handler("/api/auth/signin", async (request) => {
  const { email, password } = await readJson(request, signInSchema);
  const user = await signIn(email, password);
  return NextResponse.json({ user });
});

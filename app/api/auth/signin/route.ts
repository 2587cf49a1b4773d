import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/server/api";
import { signIn } from "@/lib/server/auth";
import { signInSchema } from "@/lib/validations/user";

/** The only body read before authentication, hence its small cap. */
export const POST = handler("/api/auth/signin", async (request) => {
  const { email, password } = await readJson(request, signInSchema, { anonymous: true, maxBytes: 4096 });
  const user = await signIn(email, password);
  return NextResponse.json({ user });
});

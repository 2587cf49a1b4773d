import { NextResponse } from "next/server";
import { clientIp, handler, readJson } from "@/lib/server/api";
import { signIn } from "@/lib/server/auth";
import { signInSchema } from "@/lib/validations/user";

/** The only body read before authentication, hence its small cap; 429 with Retry-After past the rate limit. */
export const POST = handler("/api/auth/signin", async (request) => {
  const { email, password } = await readJson(request, signInSchema, { anonymous: true, maxBytes: 4096 });
  const user = await signIn(email, password, clientIp(request));
  return NextResponse.json({ user });
});

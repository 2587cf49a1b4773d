import { NextResponse } from "next/server";
import { handler } from "@/lib/server/api";
import { requireApiUser } from "@/lib/server/auth";

export const GET = handler("/api/auth/me", async () => NextResponse.json({ user: await requireApiUser() }));

import { handler } from "@/lib/server/api";
import { signOut } from "@/lib/server/auth";

export const POST = handler("/api/auth/signout", async () => {
  await signOut();
  return new Response(null, { status: 204 });
});

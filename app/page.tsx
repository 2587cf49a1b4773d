import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/auth";
import { ROLE_HOME } from "@/lib/roles";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? ROLE_HOME[user.role] : "/signin");
}

import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/server/auth";
import { safeNextPath } from "@/lib/security/next-path";
import { ROLE_HOME } from "@/lib/roles";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(safeNextPath(next) ?? ROLE_HOME[user.role]);
  return (
    <main className="centered">
      <div className="card">
        <h1>DQS Studio</h1>
        <p className="muted">Sign in to label, inspect and manage anomaly detection runs.</p>
        <SignInForm next={safeNextPath(next)} />
      </div>
    </main>
  );
}

import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { RunIndicator, RunStoreProvider } from "@/components/runs/run-store-provider";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageUser } from "@/lib/server/auth";
import { can, ROLE_LABEL } from "@/lib/roles";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-dqs-path") ?? "/";
  const user = await requirePageUser(path);
  return (
    <RunStoreProvider>
      <div className="shell">
        <header className="topbar">
          <Link href="/" className="brand">
            DQS Studio
          </Link>
          <nav data-testid="nav">
            {can(user.role, "label") && (
              <Link href="/queue" data-testid="nav.queue">
                Queue
              </Link>
            )}
            {can(user.role, "viewDatasets") && (
              <Link href="/datasets" data-testid="nav.datasets">
                Datasets
              </Link>
            )}
            {can(user.role, "analyse") && (
              <Link href="/experiments" data-testid="nav.experiments">
                Experiments
              </Link>
            )}
            {can(user.role, "manageUsers") && (
              <Link href="/admin/users" data-testid="nav.users">
                Users
              </Link>
            )}
            {can(user.role, "manageUsers") && (
              <Link href="/admin/bench" data-testid="nav.bench">
                Benchmark
              </Link>
            )}
            {can(user.role, "deleteData") && (
              <Link href="/admin/audit" data-testid="nav.audit">
                Audit
              </Link>
            )}
          </nav>
          <RunIndicator />
          <div className="who">
            <span data-testid="nav.user">{user.name}</span>
            <span className={`badge ${user.role}`} data-testid="nav.role">
              {ROLE_LABEL[user.role]}
            </span>
            <SignOutButton />
          </div>
        </header>
        <main className="main">{children}</main>
      </div>
    </RunStoreProvider>
  );
}

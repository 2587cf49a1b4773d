import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { RunIndicator, RunStoreProvider } from "@/components/runs/run-store-provider";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageUser } from "@/lib/server/auth";
import { can, ROLE_LABEL, type Permission } from "@/lib/roles";

/** The top bar's links, in order, each shown to the roles with its permission. */
const NAV: { href: string; id: string; text: string; permission: Permission }[] = [
  { href: "/queue", id: "queue", text: "Queue", permission: "label" },
  { href: "/datasets", id: "datasets", text: "Datasets", permission: "viewDatasets" },
  { href: "/experiments", id: "experiments", text: "Experiments", permission: "analyse" },
  { href: "/admin/users", id: "users", text: "Users", permission: "manageUsers" },
  { href: "/admin/bench", id: "bench", text: "Benchmark", permission: "manageUsers" },
  { href: "/admin/audit", id: "audit", text: "Audit", permission: "deleteData" },
];

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
            {NAV.filter((item) => can(user.role, item.permission)).map((item) => (
              <Link key={item.href} href={item.href} data-testid={`nav.${item.id}`}>
                {item.text}
              </Link>
            ))}
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

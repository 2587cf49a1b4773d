import { UsersAdmin } from "@/components/users/users-admin";
import { requirePageUser } from "@/lib/server/auth";
import { listUsers } from "@/lib/server/users";

export default async function UsersPage() {
  const me = await requirePageUser("/admin/users", "manageUsers");
  const users = await listUsers();
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Create accounts and choose each person&apos;s role: admins manage data and users, experts label, analysts inspect and export.
      </p>
      <UsersAdmin meId={me.id} initialUsers={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))} />
    </>
  );
}

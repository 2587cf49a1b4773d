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
        Deactivate an account to shut its owner out (signed out at once, no sign-in, no new datasets) while keeping their work; reactivate
        it to let them back.
      </p>
      <UsersAdmin
        meId={me.id}
        initialUsers={users.map(({ deactivatedAt, ...u }) => ({
          ...u,
          createdAt: u.createdAt.toISOString(),
          active: deactivatedAt === null,
        }))}
      />
    </>
  );
}

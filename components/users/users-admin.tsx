"use client";

import { useState, type FormEvent } from "react";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-policy";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";
import { postJson, requestJson } from "../api-client";
import { SearchableList } from "../searchable-list";

export type UserView = { id: string; email: string; name: string; role: string; createdAt: string; active: boolean };

/** What the API answers for a user; the page keeps `active` rather than the date. */
type UserJson = Omit<UserView, "active"> & { deactivatedAt: string | null };
const toView = ({ deactivatedAt, ...u }: UserJson): UserView => ({ ...u, active: deactivatedAt === null });

export function UsersAdmin({ meId, initialUsers }: { meId: string; initialUsers: UserView[] }) {
  const [users, setUsers] = useState(initialUsers);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await postJson<{ user: UserJson }>("/api/admin/users", {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      role: String(form.get("role") ?? ""),
    });
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setUsers((list) => [...list, toView(result.data.user)]);
    setMessage({ kind: "ok", text: `Created ${result.data.user.email}.` });
    formElement.reset();
  }

  async function onRoleChange(user: UserView, role: Role) {
    const result = await requestJson<{ user: UserJson }>("PATCH", `/api/admin/users/${user.id}`, { role });
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setUsers((list) => list.map((u) => (u.id === user.id ? { ...u, role: result.data.user.role } : u)));
    setMessage({ kind: "ok", text: `${user.email} is now ${ROLE_LABEL[role].toLowerCase()}.` });
  }

  async function onToggleActive(user: UserView) {
    const result = await requestJson<{ user: UserJson }>("PATCH", `/api/admin/users/${user.id}`, { active: !user.active });
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    const updated = toView(result.data.user);
    setUsers((list) => list.map((u) => (u.id === user.id ? updated : u)));
    setMessage({
      kind: "ok",
      text: updated.active ? `${user.email} is active again.` : `${user.email} is deactivated: signed out everywhere, and cannot sign in.`,
    });
  }

  return (
    <>
      <section className="panel">
        <SearchableList
          items={users}
          fields={(u) => [u.name, u.email]}
          noun={{ plural: "users", singular: "user" }}
          testId="users"
          count={(shown) => `${shown.length} of ${users.length} users`}
        >
          {(shown) => (
            <table data-testid="users.table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Since</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <tr
                    key={user.id}
                    data-testid="users.row"
                    data-email={user.email}
                    data-active={user.active}
                    className={user.active ? undefined : "inactive"}
                  >
                    <td>
                      {user.name}
                      {user.id === meId && <span className="muted"> (you)</span>}
                    </td>
                    <td>{user.email}</td>
                    <td>
                      <select
                        aria-label={`Role of ${user.email}`}
                        value={user.role}
                        data-testid="users.role"
                        onChange={(e) => onRoleChange(user, e.target.value as Role)}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted">{user.createdAt.slice(0, 10)}</td>
                    <td>
                      <div className="user-status">
                        <span className={user.active ? "ok" : "muted"}>{user.active ? "Active" : "Deactivated"}</span>
                        <button
                          type="button"
                          className="secondary"
                          disabled={user.id === meId}
                          title={user.id === meId ? "You cannot deactivate your own account." : undefined}
                          onClick={() => onToggleActive(user)}
                          data-testid="users.toggle-active"
                        >
                          {user.active ? "Deactivate" : "Reactivate"}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </SearchableList>
      </section>
      {message && (
        <p className={message.kind} role={message.kind === "error" ? "alert" : "status"} data-testid="users.message">
          {message.text}
        </p>
      )}
      <section className="panel">
        <h2>New user</h2>
        <form className="inline" onSubmit={onCreate} data-testid="users.create">
          <label>
            Name
            <input name="name" required data-testid="users.new.name" />
          </label>
          <label>
            Email
            <input name="email" type="email" required data-testid="users.new.email" />
          </label>
          <label>
            Password
            <input name="password" type="password" minLength={PASSWORD_MIN_LENGTH} required data-testid="users.new.password" />
          </label>
          <label>
            Role
            <select name="role" defaultValue="expert" data-testid="users.new.role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="users.new.submit">
            Create user
          </button>
        </form>
      </section>
    </>
  );
}

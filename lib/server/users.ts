import "server-only";
import { AppError } from "../errors";
import { passwordProblem } from "../security/password-policy";
import type { Role } from "../roles";
import type { CreateUserInput } from "../validations/user";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { hashPassword } from "./passwords";
import { revokeUserSessions } from "./session";

export type UserRow = { id: string; email: string; name: string; role: string; createdAt: Date; deactivatedAt: Date | null };

const publicFields = { id: true, email: true, name: true, role: true, createdAt: true, deactivatedAt: true } as const;

/** Admins that can still sign in: the ones "at least one admin must remain" counts. */
const activeAdmins = { role: "admin", deactivatedAt: null } as const;

export function listUsers(): Promise<UserRow[]> {
  return db.user.findMany({ select: publicFields, orderBy: [{ role: "asc" }, { email: "asc" }] });
}

export async function createUser(input: CreateUserInput): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: publicFields,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `A user with the email ${input.email} already exists.`);
    }
    throw error;
  }
}

/**
 * Changes a role and/or sets a new password (lib/security/password-policy.ts); either ends the user's sessions,
 * so a demoted user loses their access at once and a reset password shuts out whoever knew the old
 * one. The last admin cannot be demoted, so that someone can always manage users.
 */
export async function updateUser(id: string, change: { role?: Role; password?: string }): Promise<UserRow> {
  const current = await db.user.findUnique({ where: { id }, select: { email: true } });
  if (!current) throw new AppError("not_found", "No such user.");
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password, current.email);
    if (problem) throw new AppError("invalid", problem);
  }
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: publicFields });
    if (!user) throw new AppError("not_found", "No such user.");
    const role = change.role ?? user.role;
    if (user.role === "admin" && role !== "admin" && user.deactivatedAt === null) {
      const admins = await tx.user.count({ where: activeAdmins });
      if (admins <= 1) throw new AppError("conflict", "At least one admin must remain.");
    }
    if (role === user.role && passwordHash === undefined) return user;
    await revokeUserSessions(id, tx);
    return tx.user.update({ where: { id }, data: { role, ...(passwordHash === undefined ? {} : { passwordHash }) }, select: publicFields });
  });
}

/**
 * Deactivates a user (no sign-in, every session ended, no new dataset assignments; their labels and
 * runs stay) or reactivates one, recorded as an AuditEvent in the same transaction. An admin cannot
 * deactivate their own account, so an active admin always remains. Nothing changes (and nothing is
 * recorded) when the user already is as asked.
 */
export async function setUserActive(id: string, active: boolean, actor: CurrentUser): Promise<UserRow> {
  if (!active && id === actor.id) throw new AppError("conflict", "You cannot deactivate your own account.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: publicFields });
    if (!user) throw new AppError("not_found", "No such user.");
    if ((user.deactivatedAt === null) === active) return user;
    // The actor is an active admin, so this holds only should two admins deactivate each other at once.
    if (!active && user.role === "admin" && (await tx.user.count({ where: activeAdmins })) <= 1) {
      throw new AppError("conflict", "At least one admin must remain.");
    }
    if (!active) await revokeUserSessions(id, tx);
    const updated = await tx.user.update({ where: { id }, data: { deactivatedAt: active ? null : new Date() }, select: publicFields });
    await tx.auditEvent.create({
      data: {
        action: active ? "user.reactivate" : "user.deactivate",
        targetType: "user",
        targetId: id,
        actorId: actor.id,
        summary: {
          name: user.name,
          email: user.email,
          role: user.role,
          text: active
            ? `Reactivated ${user.name} (${user.email}, ${user.role}).`
            : `Deactivated ${user.name} (${user.email}, ${user.role}): signed out everywhere.`,
        },
      },
    });
    return updated;
  });
}

import "server-only";
import { AppError } from "../errors";
import { passwordProblem } from "../security/password-policy";
import type { Role } from "../roles";
import type { CreateUserInput } from "../validations/user";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { hashPassword } from "./passwords";
import { revokeUserSessions } from "./session";

export type UserRow = { id: string; email: string; name: string; role: string; createdAt: Date };

const publicFields = { id: true, email: true, name: true, role: true, createdAt: true } as const;

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
    if (user.role === "admin" && role !== "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) throw new AppError("conflict", "At least one admin must remain.");
    }
    if (role === user.role && passwordHash === undefined) return user;
    await revokeUserSessions(id, tx);
    return tx.user.update({ where: { id }, data: { role, ...(passwordHash === undefined ? {} : { passwordHash }) }, select: publicFields });
  });
}

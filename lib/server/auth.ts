import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "../errors";
import { can, isRole, type Permission, type Role } from "../roles";
import { db } from "./db";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { getSession } from "./session";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user, read fresh from the database so that a role change applies at once. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  if (!session.userId) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true },
  });
  if (!user || !isRole(user.role)) return null;
  return { ...user, role: user.role };
});

/** For pages: anonymous visitors go to sign-in; a user without the permission gets the 403 page. */
export async function requirePageUser(path: string, permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(path)}`);
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}

/** For route handlers: 401 when anonymous, 403 without the permission. */
export async function requireApiUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (permission && !can(user.role, permission)) {
    throw new AppError("forbidden", `The ${user.role} role may not do this.`);
  }
  return user;
}

export async function signIn(email: string, password: string): Promise<CurrentUser> {
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !isRole(user.role)) {
    throw new AppError("unauthenticated", "Wrong email or password.");
  }
  const session = await getSession();
  session.userId = user.id;
  session.signedInAt = Date.now();
  await session.save();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function signOut(): Promise<void> {
  const session = await getSession();
  session.destroy();
}

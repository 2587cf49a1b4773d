import "server-only";

/**
 * Who is signed in, and signing in and out. Pages ask through requirePageUser (redirect to sign-in,
 * 403 page), route handlers through requireApiUser (401, 403). The user is read fresh from the
 * database on every request, through the server-side session the cookie names (lib/server/session.ts).
 */
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "../errors";
import { can, isRole, type Permission, type Role } from "../roles";
import { db } from "./db";
import { dummyHash, hashPassword, verifyPassword } from "./passwords";
import { requestContext } from "./request-context";
import { endSession, sessionUserId, startSession } from "./session";
import { beginSignInAttempt, signInSucceeded } from "./sign-in-limit";

export const DEACTIVATED_MESSAGE = "This account is deactivated. Ask an admin to reactivate it.";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

async function lookUpUser(): Promise<CurrentUser | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true },
  });
  // Deactivation revokes the sessions too; this holds should one be left.
  if (!user || !isRole(user.role) || user.deactivatedAt !== null) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Once per render of a page (React's cache). */
const pageUser = cache(lookUpUser);

/** The signed-in user: once per API request (its request context) or per page render. */
export function getCurrentUser(): Promise<CurrentUser | null> {
  const context = requestContext.getStore();
  if (!context) return pageUser();
  context.user ??= lookUpUser();
  return context.user;
}

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

/**
 * Checks the password (within the rate limit per account and per client address), upgrades a bcrypt
 * hash to Argon2id, and starts a session. A deactivated account is told so (403), but only after the
 * right password: the wrong one gets the same answer as an unknown email.
 */
export async function signIn(email: string, password: string, clientAddress: string): Promise<CurrentUser> {
  const attemptId = await beginSignInAttempt(email, clientAddress);
  const user = await db.user.findUnique({ where: { email } });
  const { ok, needsRehash } = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || !isRole(user.role)) {
    throw new AppError("unauthenticated", "Wrong email or password.");
  }
  if (user.deactivatedAt !== null) throw new AppError("forbidden", DEACTIVATED_MESSAGE);
  await signInSucceeded(email, attemptId);
  if (needsRehash) {
    // Only if the hash is still the one just verified (a password change meanwhile wins).
    await db.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(password) },
    });
  }
  await startSession(user.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Ends the session: the cookie is cleared and, should a copy of it survive, refused from now on. */
export async function signOut(): Promise<void> {
  await endSession();
}

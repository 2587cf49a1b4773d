import "server-only";

/**
 * Server-side sessions. The cookie (iron-session: sealed and authenticated with SESSION_SECRET) holds
 * only the id of a Session row; the row decides whether the session is valid (lib/security/session-policy.ts):
 * signing out revokes it, so a copy of the cookie taken before is refused afterwards; a role or
 * password change or a deactivation revokes all of the user's sessions; 2 h without use or 12 h after sign-in end it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { env } from "../env.mjs";
import { needsTouch, SESSION_ABSOLUTE_MS, sessionStatus } from "../security/session-policy";
import { db } from "./db";
import type { Prisma } from "./generated/prisma/client";

type SessionCookie = { sid?: string };

export const SESSION_COOKIE = "dqs_session";

/** SESSION_SECRET, or a random secret kept in DATA_DIR so that a fresh checkout works with no setup. */
function sessionSecret(): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.join(env.DATA_DIR, "session-secret");
  try {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Already there (possibly written a moment ago by another process): use it.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

let options: SessionOptions | null = null;
function sessionOptions(): SessionOptions {
  options ??= {
    password: sessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: SESSION_ABSOLUTE_MS / 1000,
    cookieOptions: {
      httpOnly: true,
      secure: env.COOKIE_SECURE === "true",
      sameSite: "lax",
      path: "/",
    },
  };
  return options;
}

async function sessionCookie() {
  return getIronSession<SessionCookie>(await cookies(), sessionOptions());
}

/** Starts a session for the user and sets the cookie (route handlers only: pages cannot set cookies). */
export async function startSession(userId: string): Promise<void> {
  const now = new Date();
  // Expired rows are of no use to anyone: drop them while we are here.
  await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  const cookie = await sessionCookie();
  // Signing in again replaces the session this browser had.
  if (cookie.sid) await db.session.updateMany({ where: { id: cookie.sid, revokedAt: null }, data: { revokedAt: now } });
  const id = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) },
  });
  cookie.sid = id;
  await cookie.save();
}

/** The user id of the valid session the cookie names, or null; notes the use (at most once a minute). */
export async function sessionUserId(): Promise<string | null> {
  const { sid } = await sessionCookie();
  if (!sid) return null;
  const row = await db.session.findUnique({
    where: { id: sid },
    select: { userId: true, lastSeenAt: true, expiresAt: true, revokedAt: true },
  });
  if (!row) return null;
  const now = new Date();
  if (sessionStatus(row, now) !== "valid") return null;
  if (needsTouch(row, now)) {
    await db.session.updateMany({ where: { id: sid, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return row.userId;
}

/** Signs out: revokes the cookie's session and clears the cookie. */
export async function endSession(): Promise<void> {
  const cookie = await sessionCookie();
  if (cookie.sid) await db.session.updateMany({ where: { id: cookie.sid, revokedAt: null }, data: { revokedAt: new Date() } });
  cookie.destroy();
}

/** Ends every session of the user (a role or password change, a deactivation); pass the transaction it belongs to. */
export async function revokeUserSessions(userId: string, tx: Prisma.TransactionClient = db): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

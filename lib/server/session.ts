import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { env } from "../env.mjs";

export type SessionData = { userId?: string; signedInAt?: number };

export const SESSION_COOKIE = "dqs_session";
const MAX_AGE_S = 60 * 60 * 12;

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
    ttl: MAX_AGE_S,
    cookieOptions: {
      httpOnly: true,
      secure: env.COOKIE_SECURE === "true",
      sameSite: "lax",
      path: "/",
    },
  };
  return options;
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}

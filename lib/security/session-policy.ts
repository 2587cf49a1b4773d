/**
 * When a server-side session stops being valid: revoked (sign-out, a role or password change), past
 * its absolute end (12 h after sign-in), or idle (not used for 2 h). Pure; lib/server/session.ts
 * applies it to the Session row the cookie names.
 */

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so that a busy page does not write on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

export type SessionTimes = { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null };

export type SessionStatus = "valid" | "revoked" | "expired" | "idle";

export function sessionStatus(session: SessionTimes, now: Date, idleMs: number = SESSION_IDLE_MS): SessionStatus {
  if (session.revokedAt !== null) return "revoked";
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) return "idle";
  return "valid";
}

/** Whether a valid session's lastSeenAt is old enough to be written again. */
export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

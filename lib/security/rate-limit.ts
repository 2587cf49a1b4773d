/**
 * A sliding-window limit on failures (sign-in): at most `limit` failures in any `windowMs`. Pure — the
 * failures themselves are stored by lib/server/sign-in-limit.ts, in the database, so that several app
 * instances share one count.
 */

export type WindowLimit = { limit: number; windowMs: number };

export type WindowVerdict = { allowed: true; remaining: number } | { allowed: false; retryAfterS: number };

/**
 * Whether one more attempt is allowed after the failures at `times` (ms since epoch, any order; those
 * older than the window are ignored). A time after `now` is an attempt running concurrently that read
 * the clock a moment later: it counts, as if made at `now` — ignoring it would let every request of a
 * burst see only the attempts that read the clock before it, and those may not be stored yet. When not
 * allowed, `retryAfterS` is the whole number of seconds until enough failures have left the window for
 * one more attempt (at least 1).
 */
export function windowVerdict(times: readonly number[], now: number, { limit, windowMs }: WindowLimit): WindowVerdict {
  const inWindow = times
    .filter((t) => t > now - windowMs)
    .map((t) => Math.min(t, now))
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return { allowed: true, remaining: limit - inWindow.length };
  // One more attempt is allowed once only limit - 1 failures remain, i.e. when the
  // (count - limit + 1)-th oldest has left the window.
  const freeing = inWindow[inWindow.length - limit] ?? now;
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((freeing + windowMs - now) / 1000)) };
}

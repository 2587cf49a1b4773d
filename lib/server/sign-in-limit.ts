import "server-only";

/**
 * The sign-in rate limit: at most 10 failed attempts per account (the email as typed, whether or not
 * it exists) and 30 per client address in any 15 minutes; beyond that 429 with Retry-After, before any
 * password is checked (so a blocked attacker costs no hashing). Attempts live in the SignInAttempt
 * table, so every app instance sharing the database shares the count.
 *
 * An attempt is recorded before the password is checked and counted against the others, so a burst of
 * concurrent guesses cannot all slip in before the first is counted; a refused attempt removes its
 * row again (it does not extend the lock), a successful sign-in removes the account's rows. A failure
 * stays for the window. Rows older than the window are deleted as new attempts arrive.
 */
import { AppError } from "../errors";
import { windowVerdict, type WindowLimit } from "../security/rate-limit";
import { db } from "./db";

export const ACCOUNT_LIMIT: WindowLimit = { limit: 10, windowMs: 15 * 60 * 1000 };
export const ADDRESS_LIMIT: WindowLimit = { limit: 30, windowMs: 15 * 60 * 1000 };

async function recentTimes(
  where: { email: string } | { ip: string },
  exceptId: string,
  { limit, windowMs }: WindowLimit,
  now: number,
): Promise<number[]> {
  const rows = await db.signInAttempt.findMany({
    where: { ...where, id: { not: exceptId }, createdAt: { gt: new Date(now - windowMs) } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    // The most recent `limit` decide: the oldest of them is the one that must leave the window.
    take: limit,
  });
  return rows.map((r) => r.createdAt.getTime());
}

/**
 * Records an attempt and returns its id, or throws `rate_limited` (429, with the seconds to wait)
 * when the account or the address has used up its failures.
 */
export async function beginSignInAttempt(email: string, ip: string): Promise<string> {
  const now = Date.now();
  const oldest = Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs);
  await db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now - oldest) } } });
  const { id } = await db.signInAttempt.create({ data: { email, ip, createdAt: new Date(now) }, select: { id: true } });
  const [byAccount, byAddress] = await Promise.all([
    recentTimes({ email }, id, ACCOUNT_LIMIT, now),
    recentTimes({ ip }, id, ADDRESS_LIMIT, now),
  ]);
  const verdicts = [windowVerdict(byAccount, now, ACCOUNT_LIMIT), windowVerdict(byAddress, now, ADDRESS_LIMIT)];
  const wait = Math.max(0, ...verdicts.map((v) => (v.allowed ? 0 : v.retryAfterS)));
  if (wait > 0) {
    await db.signInAttempt.deleteMany({ where: { id } });
    const minutes = Math.ceil(wait / 60);
    throw new AppError(
      "rate_limited",
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { retryAfterS: wait },
      wait,
    );
  }
  return id;
}

/** After a successful sign-in: the account starts afresh (its failures from any address are forgotten). */
export async function signInSucceeded(email: string, attemptId: string): Promise<void> {
  await db.signInAttempt.deleteMany({ where: { OR: [{ email }, { id: attemptId }] } });
}

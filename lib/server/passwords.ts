import "server-only";

/**
 * Password hashing: Argon2id (@node-rs/argon2, native, run on libuv's thread pool, so the event loop
 * keeps serving while it hashes; no length cut, unlike bcrypt's 72 bytes), with OWASP's parameters.
 * Hashes made by bcrypt before are still verified (once, with bcrypt) and flagged for an upgrade, which
 * the sign-in stores. At most HASH_CONCURRENCY hashes run at once, so a burst of sign-ins cannot take
 * every thread the file system also needs.
 */
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

/** Argon2id (the library's default algorithm), 19 MiB, 2 passes, 1 lane: OWASP's minimum configuration. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
const HASH_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism() - 1));

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing hash hands its slot straight to the next in line, so `running` never overshoots.
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2));
}

export type PasswordCheck = { ok: boolean; /** ok, but stored with bcrypt or older Argon2 parameters */ needsRehash: boolean };

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  if (stored.startsWith("$argon2")) {
    const ok = await limited(() => verify(stored, password).catch(() => false));
    return { ok, needsRehash: ok && !stored.startsWith(CURRENT_PREFIX) };
  }
  if (/^\$2[aby]\$\d\d\$/.test(stored)) {
    const ok = await limited(() => bcrypt.compare(password, stored));
    return { ok, needsRehash: ok };
  }
  return { ok: false, needsRehash: false };
}

let dummy: Promise<string> | null = null;

/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("dqs-studio-no-such-user");
  return dummy;
}

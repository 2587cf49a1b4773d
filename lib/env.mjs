// @ts-check
/**
 * Environment variables, validated once at start-up (imported by next.config.mjs, prisma.config.ts
 * and the scripts), so that a bad value fails early with a clear message.
 */
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./.data/dqs.db";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    }),
  /** Secret for the session cookie; when unset a random one is kept in .data/session-secret. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** "false" only for plain-http deployments that are not on localhost. */
  COOKIE_SECURE: z.enum(["true", "false"]).default("true"),
  /**
   * The origins the app is served at (comma-separated, e.g. "https://dqs.example.com"); requests that
   * change data must come from one of them. Unset: the origin the request was addressed to (Host, or
   * X-Forwarded-Host / X-Forwarded-Proto from a reverse proxy).
   */
  APP_ORIGIN: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .refine((origins) => origins.every((o) => URL.canParse(o) && new URL(o).origin === o), {
      message: 'must be origins like "https://dqs.example.com" (scheme and host, no path), comma-separated',
    }),
  /**
   * How many reverse proxies in front of the app append the client's address to X-Forwarded-For
   * (0: none, the app is reached directly). The sign-in rate limit counts per that address.
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Where uploaded files are staged while they are imported. */
  DATA_DIR: z.string().default("./.data"),
});

/** @typedef {z.infer<typeof schema>} Env */

/** @param {Record<string, string | undefined>} source */
export function parseEnv(source) {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** @param {string} url */
export function databaseProvider(url) {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

export const env = parseEnv(process.env);

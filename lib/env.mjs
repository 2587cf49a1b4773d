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

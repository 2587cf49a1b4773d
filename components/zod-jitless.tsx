"use client";

import { z } from "zod";

/**
 * The pages' Content-Security-Policy allows no JavaScript eval (proxy.ts). zod probes for it with a
 * `new Function` inside try/catch the first time it parses an object, which works but is reported as
 * a CSP violation; in the browser it is told not to try (its parsing is the same, without the JIT).
 * Rendered once by the root layout, so the setting is in place before any page parses anything.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export function ZodJitless(): null {
  return null;
}

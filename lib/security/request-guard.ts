/**
 * Pure checks on an incoming request's headers, used by every route handler (lib/server/api.ts):
 * the same-origin rule for state-changing requests (against cross-site request forgery), the strict
 * JSON content type, and the client address the sign-in rate limit counts per.
 */

/** Methods that change state: they must come from this site's own pages (or from a non-browser client). */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type OriginInput = {
  method: string;
  /** The Origin request header, if any. */
  origin: string | null;
  /** The Sec-Fetch-Site request header, if any. */
  secFetchSite: string | null;
  /** Origins this app is served at, e.g. "https://dqs.example.com" (scheme, host and port). */
  allowed: readonly string[];
};

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A state-changing request passes when its Origin is one of `allowed`; without an Origin, when
 * Sec-Fetch-Site says same-origin (or "none": typed by the user); with neither header, it is not from
 * a browser (curl, scripts, the tests' API client) and cannot be a forged cross-site request, so it
 * passes too. `Origin: null` (sandboxed frames, opaque redirects) never passes. Safe methods always do.
 */
export function checkSameOrigin({ method, origin, secFetchSite, allowed }: OriginInput): OriginVerdict {
  if (!UNSAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  if (origin !== null) {
    if (allowed.includes(origin)) return { ok: true };
    return {
      ok: false,
      reason: `Requests that change data must come from this site's own pages (Origin ${JSON.stringify(origin)} is not allowed).`,
    };
  }
  if (secFetchSite !== null) {
    if (secFetchSite === "same-origin" || secFetchSite === "none") return { ok: true };
    return { ok: false, reason: `Requests that change data must come from this site's own pages (Sec-Fetch-Site: ${secFetchSite}).` };
  }
  return { ok: true };
}

/**
 * The origin the browser addressed: the host it sent (Host, or X-Forwarded-Host that a reverse proxy
 * sets — a page on another site cannot set either) and the scheme the request arrived with
 * (X-Forwarded-Proto when a proxy terminates TLS). APP_ORIGIN, when configured, replaces this guess.
 */
export function requestOrigin(headers: { get(name: string): string | null }, url: string): string | null {
  const host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host"));
  let fallback: URL;
  try {
    fallback = new URL(url);
  } catch {
    return null;
  }
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? fallback.protocol.replace(/:$/, "");
  if (proto !== "http" && proto !== "https") return null;
  try {
    return new URL(`${proto}://${host ?? fallback.host}`).origin;
  } catch {
    return null;
  }
}

function firstValue(value: string | null): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/** `application/json`, optionally with a charset parameter — and nothing else (no "text/plain; application/json"). */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const [type, ...params] = value.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((param) => /^charset=("?)utf-8\1$/.test(param));
}

/**
 * The client address from X-Forwarded-For. Next.js sets that header to the socket's address when the
 * request has none, and keeps it when it has one; a reverse proxy appends the address it saw. So the
 * client is the entry `trustedProxies` places from the right (the rightmost with 0 or 1 proxies).
 * Without a proxy a client can choose the value: then only the per-account limit is reliable.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, trustedProxies));
  return (entries[index] ?? "unknown").slice(0, 100);
}

import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "./lib/security/security-headers";

/**
 * Runs before every page (not the API, whose bodies a proxy would buffer, nor static files):
 * - hands the requested path to Server Components (as the x-dqs-path request header), so that the
 *   shared layout can send an anonymous visitor to sign-in with the page to come back to;
 * - sets a Content-Security-Policy with a fresh nonce, on the request (Next.js reads the nonce from
 *   there and puts it on its scripts; every page is rendered per request, see app/layout.tsx) and on
 *   the response; and Strict-Transport-Security when served over HTTPS.
 * Permissions-Policy and the other static headers come from next.config.mjs.
 */
export function proxy(request: NextRequest) {
  const https = servedOverHttps(request.headers, request.url);
  const policy = contentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-dqs-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] };

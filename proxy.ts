import { NextResponse, type NextRequest } from "next/server";

/**
 * Hands the requested path to Server Components (as the x-dqs-path request header), so that the
 * shared layout can send an anonymous visitor to sign-in with the page to come back to.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-dqs-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] };

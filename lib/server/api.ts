import "server-only";
import { NextResponse } from "next/server";
import { ZodError, type ZodType } from "zod";
import { AppError, type ErrorBody } from "../errors";

export function errorResponse(error: unknown, context: string): NextResponse<ErrorBody> {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status },
    );
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    return NextResponse.json({ error: { code: "invalid", message, details: error.issues } }, { status: 422 });
  }
  console.error(`[api] ${context}:`, error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server." } }, { status: 500 });
}

/**
 * Wraps a route handler: maps AppError / ZodError to statuses and logs anything unknown with context.
 */
export function handler<A extends unknown[]>(
  context: string,
  fn: (request: Request, ...args: A) => Promise<Response>,
): (request: Request, ...args: A) => Promise<Response> {
  return async (request, ...args) => {
    try {
      return await fn(request, ...args);
    } catch (error) {
      return errorResponse(error, `${request.method} ${context}`);
    }
  };
}

/**
 * Parses a JSON body with a schema. Requiring application/json also keeps cross-site form posts out
 * (a browser cannot send it cross-origin without a CORS preflight, which we never allow).
 */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
  if (!request.headers.get("content-type")?.includes("application/json")) {
    throw new AppError("bad_request", "Send the request body as application/json.");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}

/** Reads a binary body (application/octet-stream) of at most maxBytes. */
export async function readBinary(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("too_large", `The upload is larger than ${maxBytes} bytes.`);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw new AppError("too_large", `The upload is larger than ${maxBytes} bytes.`);
  return bytes;
}

export function binaryResponse(bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Response {
  return new Response(bytes, { headers: { "content-type": "application/octet-stream", "cache-control": "private, no-store", ...headers } });
}

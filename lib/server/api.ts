import "server-only";

/**
 * Plumbing every route handler under app/api goes through.
 *
 * `handler` wraps a route: it gives the request an id, refuses a state-changing request (POST, PUT,
 * PATCH, DELETE) that a browser sent from another origin (403), and turns errors into answers:
 * AppError → its status, ZodError → 422, a malformed binary frame → 400, a unique-constraint race →
 * 409; anything else is logged with the request id and answered with a generic 500 that names it.
 *
 * `readJson` / `readBinary` read a body only from a signed-in user (401 before a byte is read; the
 * sign-in route opts out), with a size cap checked on Content-Length and again while streaming (413),
 * and — for JSON — only with the content type application/json (415), which a page on another site
 * cannot send without a CORS preflight (which this app never grants).
 */
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError, type ZodType } from "zod";
import { FrameError } from "../binary-frame";
import { env } from "../env.mjs";
import { AppError, type ErrorBody } from "../errors";
import { findJsonProblem } from "../json-guard";
import { checkSameOrigin, clientAddress, isJsonContentType, requestOrigin } from "../security/request-guard";
import { servedOverHttps, STRICT_TRANSPORT_SECURITY } from "../security/security-headers";
import { requireApiUser } from "./auth";
import { Prisma } from "./generated/prisma/client";
import { requestContext } from "./request-context";

/** JSON bodies are at most this large unless a route says otherwise. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export function errorResponse(error: unknown, context: string, requestId: string): NextResponse<ErrorBody> {
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.retryAfterS === undefined ? {} : { "retry-after": String(error.retryAfterS) };
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status, headers },
    );
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    return NextResponse.json({ error: { code: "invalid", message, details: error.issues } }, { status: 422 });
  }
  if (error instanceof FrameError) {
    return NextResponse.json({ error: { code: "bad_request", message: error.message } }, { status: 400 });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    // Checks come first, so this is a race with a concurrent request: the caller may reload and retry.
    return NextResponse.json(
      { error: { code: "conflict", message: "This conflicts with data saved at the same moment; reload and try again." } },
      { status: 409 },
    );
  }
  if (isClientAbort(error)) {
    // The client went away while its body was arriving (a closed tab, a dropped connection): nothing
    // went wrong here, and nobody is left to read the answer.
    console.warn(`[api] ${requestId} ${context}: the client aborted the request`);
    return NextResponse.json(
      { error: { code: "bad_request", message: "The request was cut off before its body arrived." } },
      { status: 400 },
    );
  }
  console.error(`[api] ${requestId} ${context}:`, error);
  return NextResponse.json(
    { error: { code: "internal", message: `Something went wrong on the server (request id ${requestId}).` } },
    { status: 500 },
  );
}

/** Node's error for a request body whose connection closed before it ended. */
function isClientAbort(error: unknown): boolean {
  return error instanceof Error && error.message === "aborted" && (error as Error & { code?: string }).code === "ECONNRESET";
}

/** The origins a state-changing request may come from: APP_ORIGIN, or the one the request was addressed to. */
function allowedOrigins(request: Request): string[] {
  if (env.APP_ORIGIN.length > 0) return env.APP_ORIGIN;
  const own = requestOrigin(request.headers, request.url);
  return own === null ? [] : [own];
}

/** HSTS on answers sent over HTTPS (pages get it from proxy.ts). */
function withTransportSecurity(request: Request, response: Response): Response {
  if (servedOverHttps(request.headers, request.url)) {
    try {
      response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
    } catch {
      // A response with immutable headers (Response.redirect) goes out as it is.
    }
  }
  return response;
}

/**
 * Wraps a route handler: request id, same-origin check for state-changing methods, errors mapped to
 * statuses (see the module comment).
 */
export function handler<A extends unknown[]>(
  context: string,
  fn: (request: Request, ...args: A) => Promise<Response>,
): (request: Request, ...args: A) => Promise<Response> {
  return (request, ...args) => {
    const requestId = randomUUID().slice(0, 8);
    return requestContext.run({ requestId }, async () => {
      try {
        const verdict = checkSameOrigin({
          method: request.method,
          origin: request.headers.get("origin"),
          secFetchSite: request.headers.get("sec-fetch-site"),
          allowed: allowedOrigins(request),
        });
        if (!verdict.ok) throw new AppError("forbidden", verdict.reason);
        return withTransportSecurity(request, await fn(request, ...args));
      } catch (error) {
        return withTransportSecurity(request, errorResponse(error, `${request.method} ${context}`, requestId));
      }
    });
  };
}

export type BodyOptions = {
  /** Largest body accepted, in bytes (413 beyond). */
  maxBytes?: number;
  /** Read the body without a signed-in user (sign-in only). */
  anonymous?: boolean;
};

function sizeText(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} bytes`;
}

/** Reads the whole body, refusing (413) once it passes maxBytes — declared or streamed. */
async function readCapped(request: Request, maxBytes: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppError("too_large", `${what} is larger than ${sizeText(maxBytes)}.`);
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * Parses a JSON body with a schema: from a signed-in user (401 first otherwise), with the content
 * type application/json (415), at most maxBytes (413, default 1 MiB), valid JSON (400) nested at most
 * 64 levels deep (400), with no NUL character or unpaired surrogate in any text (422, lib/json-guard.ts),
 * valid for the schema (422).
 */
export async function readJson<T>(request: Request, schema: ZodType<T>, options: BodyOptions = {}): Promise<T> {
  if (!options.anonymous) await requireApiUser();
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json.");
  }
  const bytes = await readCapped(request, options.maxBytes ?? JSON_BODY_LIMIT, "The request body");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const problem = findJsonProblem(body);
  if (problem) throw new AppError(problem.kind === "depth" ? "bad_request" : "invalid", `${problem.message}.`, { path: problem.path });
  return schema.parse(body);
}

/** Reads a binary body (application/octet-stream) of at most maxBytes, from a signed-in user. */
export async function readBinary(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  await requireApiUser();
  return readCapped(request, maxBytes, "The upload");
}

/** The client's address, as the sign-in rate limit counts it (see lib/security/request-guard.ts clientAddress). */
export function clientIp(request: Request): string {
  return clientAddress(request.headers.get("x-forwarded-for"), env.TRUSTED_PROXIES);
}

export function binaryResponse(bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Response {
  return new Response(bytes, { headers: { "content-type": "application/octet-stream", "cache-control": "private, no-store", ...headers } });
}

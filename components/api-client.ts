import type { ErrorBody } from "@/lib/errors";

/**
 * The browser's one way to call the app's API: every response is read the same way, and a refusal
 * becomes the server's own message (its `{ error: { message } }` body) a person can act on.
 *
 * - `requestJson` / `postJson` never throw: they answer `{ ok, data }` or `{ ok: false, status, message }`
 *   (forms, the outbox — which retries on status 0, 5xx and 401);
 * - `fetchOk`, `getJson`, `getBytes`, `sendJson` throw an ApiError with that message (loaders and the
 *   run controller, which show or record it).
 */
export type JsonResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function messageOf(parsed: unknown, status: number): string {
  return (parsed as ErrorBody | null)?.error?.message ?? `Request failed (${status}).`;
}

/** The message of an error answer's body text (for XMLHttpRequest, which the upload uses for its progress events). */
export function errorMessage(text: string, status: number): string {
  return messageOf(safeParse(text), status);
}

function jsonInit(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** Sends JSON and reads the app's error body into a message a person can act on. */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<JsonResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, jsonInit(method, body));
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE };
  }
  const text = await response.text();
  const parsed: unknown = text ? safeParse(text) : null;
  if (response.ok) return { ok: true, data: parsed as T };
  return { ok: false, status: response.status, message: messageOf(parsed, response.status) };
}

export const postJson = <T>(url: string, body: unknown) => requestJson<T>("POST", url, body);

/**
 * `fetch` that answers only a successful response: otherwise an ApiError "<what> failed (<status>):
 * <the server's message>". An abort is rethrown as it is (callers ignore their own aborts).
 */
export async function fetchOk(url: string, what: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw new ApiError(0, `${what} failed: ${UNREACHABLE}`);
  }
  if (response.ok) return response;
  const parsed = safeParse(await response.text().catch(() => ""));
  throw new ApiError(response.status, `${what} failed (${response.status}): ${messageOf(parsed, response.status)}`);
}

/** A JSON answer, fresh from the server (no HTTP cache). */
export async function getJson<T>(url: string, what: string, signal?: AbortSignal): Promise<T> {
  return (await (await fetchOk(url, what, { signal, cache: "no-store" })).json()) as T;
}

/** A binary answer (scores, frames). */
export async function getBytes(url: string, what: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  return (await fetchOk(url, what, { signal })).arrayBuffer();
}

/** Sends JSON; the answer's JSON, or an ApiError. */
export async function sendJson<T>(method: string, url: string, body: unknown, what: string): Promise<T> {
  const response = await fetchOk(url, what, jsonInit(method, body));
  const text = await response.text();
  return (text ? safeParse(text) : null) as T;
}

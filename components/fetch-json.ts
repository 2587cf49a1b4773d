import type { ErrorBody } from "@/lib/errors";

export type JsonResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/** Sends JSON and reads the app's error body into a message a person can act on. */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<JsonResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Check your connection and try again." };
  }
  const text = await response.text();
  const parsed: unknown = text ? safeParse(text) : null;
  if (response.ok) return { ok: true, data: parsed as T };
  const message = (parsed as ErrorBody | null)?.error?.message ?? `Request failed (${response.status}).`;
  return { ok: false, status: response.status, message };
}

export const postJson = <T>(url: string, body: unknown) => requestJson<T>("POST", url, body);

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

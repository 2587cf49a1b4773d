import type { APIRequestContext } from "@playwright/test";

/**
 * A JSON answer the test needs, typed: the GET must succeed (else the test fails here, naming the URL
 * and the status), instead of `(await (await request.get(url)).json()) as T` in every spec.
 */
export async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  if (!response.ok()) throw new Error(`GET ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

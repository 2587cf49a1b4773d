import "server-only";

/**
 * What one API request carries through its handler (lib/server/api.ts opens it): an id that names the
 * request in logs and in a 500's message, and the signed-in user once looked up, so that requireApiUser
 * and readJson (which refuses anonymous bodies before reading them) look the session up once.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CurrentUser } from "./auth";

export type RequestContext = { requestId: string; user?: Promise<CurrentUser | null> };

export const requestContext = new AsyncLocalStorage<RequestContext>();

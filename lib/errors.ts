/**
 * Errors the UI can speak about precisely: a class with a `name` and a typed `code`, mapped to an
 * HTTP status by route handlers.
 */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
    /** With `rate_limited`: seconds until a retry can succeed (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** The JSON body every failing route handler answers with. */
export type ErrorBody = { error: { code: AppErrorCode | "internal"; message: string; details?: unknown } };

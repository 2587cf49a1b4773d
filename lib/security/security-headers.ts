/**
 * Response headers that harden the pages (set by proxy.ts; API responses get theirs from
 * lib/server/api.ts and next.config.mjs). Pure.
 *
 * The Content-Security-Policy is nonce-based: Next.js reads the nonce from the policy on the request
 * and puts it on its own inline and bundle scripts; 'strict-dynamic' lets those load their chunks.
 * Workers are same-origin module or blob workers ('self' blob:); TensorFlow.js compiles WebAssembly
 * ('wasm-unsafe-eval', which allows no JavaScript eval); styles allow 'unsafe-inline' because React
 * renders style attributes and ECharts sets inline styles. In development React needs eval for its
 * error overlay, so 'unsafe-eval' is added there only.
 */

export type CspOptions = { nonce: string; dev: boolean; https: boolean };

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** For API responses: they are data, never a document to run anything in. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Powerful browser features the app never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "browsing-topics=()",
].join(", ");

/** One year, subdomains included; sent only over HTTPS (browsers ignore it over HTTP anyway). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Whether the request reached the app over HTTPS (directly, or at a proxy that says so). */
export function servedOverHttps(headers: { get(name: string): string | null }, url: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return url.startsWith("https:");
}

/** A fresh nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Where to go after signing in: the `next` query parameter may only name a path on this site.
 * Pure; used by the sign-in page (server redirect) and, through its props, by the sign-in form.
 *
 * Browsers are lenient with URLs: they drop tabs and newlines anywhere in them ("/\t/evil" becomes
 * "//evil"), read "\" as "/" ("/\evil" becomes "//evil") and resolve dot segments ("/.//evil" becomes
 * "//evil") — each a protocol-relative URL to another host. So the value is refused when it holds
 * any control character or backslash, and otherwise normalised by the URL parser and refused when the
 * result is not a same-origin path or still starts with "//". What comes back is the normalised,
 * percent-encoded path (safe in a Location header: no character that could end the header line).
 */

const BASE = "http://dqs.invalid";
/** Longer values are no page of this app; refusing them keeps redirects and headers small. */
const MAX_LENGTH = 2048;

/** The same-origin path `next` names, or null when it is missing or could lead anywhere else. */
export function safeNextPath(next: string | null | undefined): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH) return null;
  if (!next.startsWith("/") || next.startsWith("//")) return null;
  // C0 controls (tab, newline, …), DEL, C1 controls, backslash and Unicode line/paragraph separators.
  if (/[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

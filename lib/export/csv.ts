/**
 * CSV as RFC 4180 writes it, for the run exports: a header row, then one line per row, lines ended
 * with CRLF. A field is quoted when it holds a comma, a double quote, a CR or LF, or leading or
 * trailing white space; a double quote inside is doubled. Pure: the route handlers stream what these
 * give, and the tests run them in Node.
 *
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a CR) gets a
 * leading apostrophe (OWASP's advice against CSV injection): notes and names come from users, and
 * analysts open these files in spreadsheets. Numbers are written as numbers, never guarded.
 */
export type Cell = string | number | boolean | null | undefined;

export const CSV_EOL = "\r\n";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: null and undefined are empty, booleans true/false, numbers as JavaScript prints them (NaN and ±Infinity too). */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, with its CRLF. */
export function csvLine(values: readonly Cell[]): string {
  return values.map(csvField).join(",") + CSV_EOL;
}

/**
 * The shortest decimal that reads back as the same float32: scores are stored as float32, and
 * 0.1f printed as a double would be 0.10000000149011612. Non-finite values print as JavaScript does.
 */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const f = Math.fround(value);
  // Six digits are always unique within a float32's rounding interval, so a shorter decimal that reads
  // back (0.5) is what six digits give too, once Number drops the trailing zeros: start there.
  for (let digits = 6; digits < 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return String(Number(text));
  }
  return String(Number(f.toPrecision(9)));
}

/** A float32 as the number formatFloat32 prints, for JSON. */
export function float32Number(value: number): number {
  return Number(formatFloat32(value));
}

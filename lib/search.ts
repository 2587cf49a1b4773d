/**
 * The admin lists' search boxes (users, a dataset's experts): a row matches when every word typed
 * appears in one of its fields, ignoring case and accents. An empty query matches everything.
 */
const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

export function matchesSearch(query: string, ...fields: string[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.map(fold);
  return words.every((w) => haystack.some((f) => f.includes(w)));
}

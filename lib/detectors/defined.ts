/**
 * `{ ...defaults, ...definedOnly(options) }`: an option passed as `undefined` keeps its default
 * instead of overriding it (a plain spread would copy the undefined).
 */
export function definedOnly<T extends object>(options: T): Partial<T> {
  const entries = Object.entries(options).filter(([, value]) => value !== undefined);
  // Object.fromEntries loses the key types; the entries are a subset of T's own properties.
  return Object.fromEntries(entries) as Partial<T>;
}

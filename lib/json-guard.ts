/**
 * Checks a parsed JSON value for what JSON allows but no field of this app does: a NUL character or
 * an unpaired UTF-16 surrogate in a string or a key (PostgreSQL refuses the first, and the second
 * cannot be stored as UTF-8 without being changed), and nesting deeper than a limit (a recursive
 * validator or JSON.stringify would run out of stack). Iterative, so any depth is safe to check. Pure.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonProblem = { kind: "nul" | "surrogate" | "depth"; path: string; message: string };

const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string, path: string, what: string): JsonProblem | null {
  if (text.includes(NUL)) return { kind: "nul", path, message: `${what} holds a NUL character` };
  if (LONE_SURROGATE.test(text))
    return { kind: "surrogate", path, message: `${what} holds an unpaired UTF-16 surrogate (not a character)` };
  return null;
}

const where = (path: string) => (path === "" ? "the body" : path);

/** The first problem found (depth first), or null. `path` is dotted, e.g. "picks.0.reason". */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, path, depth } = item;
    if (typeof v === "string") {
      const problem = textProblem(v, path, `The text at ${where(path)}`);
      if (problem) return problem;
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= maxDepth)
      return { kind: "depth", path, message: `The JSON is nested more than ${maxDepth} levels deep (at ${where(path)})` };
    const entries = Array.isArray(v) ? v.map((e, i) => [String(i), e] as const) : Object.entries(v);
    for (const [key, child] of entries) {
      const childPath = path === "" ? key : `${path}.${key}`;
      const problem = Array.isArray(v)
        ? null
        : textProblem(key, childPath, `The key ${JSON.stringify(key.slice(0, 40))} at ${where(path)}`);
      if (problem) return problem;
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

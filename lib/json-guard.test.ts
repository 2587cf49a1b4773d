import { describe, expect, it } from "vitest";
import { findJsonProblem } from "./json-guard";

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe("findJsonProblem", () => {
  it("passes ordinary bodies, surrogate pairs (emoji) and other control characters", () => {
    expect(findJsonProblem({ name: "Ada 😀", tags: ["a\tb", "ü"], n: 1, ok: true, none: null })).toBeNull();
    expect(findJsonProblem(nested(64))).toBeNull();
  });

  it("names a NUL character in a value or a key, with its path", () => {
    expect(findJsonProblem({ picks: [{ reason: "a\u0000b" }] })).toEqual({
      kind: "nul",
      path: "picks.0.reason",
      message: "The text at picks.0.reason holds a NUL character",
    });
    expect(findJsonProblem({ "x\u0000": 1 })?.kind).toBe("nul");
    expect(findJsonProblem("\u0000")?.message).toBe("The text at the body holds a NUL character");
  });

  it("names an unpaired surrogate, high or low", () => {
    expect(findJsonProblem({ note: "a\ud800" })).toMatchObject({ kind: "surrogate", path: "note" });
    expect(findJsonProblem({ note: "\udc00b" })).toMatchObject({ kind: "surrogate", path: "note" });
    expect(findJsonProblem({ note: "\ud83d\ude00" })).toBeNull();
  });

  it("refuses nesting past the limit without running out of stack", () => {
    expect(findJsonProblem(nested(65))).toMatchObject({ kind: "depth" });
    expect(findJsonProblem(nested(200_000))).toMatchObject({
      kind: "depth",
      message: expect.stringMatching(/nested more than 64 levels deep/),
    });
  });
});

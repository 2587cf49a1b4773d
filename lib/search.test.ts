import { describe, expect, it } from "vitest";
import { matchesSearch } from "./search";

describe("matchesSearch", () => {
  it("matches everything on an empty or blank query", () => {
    expect(matchesSearch("", "Ada", "ada@dqs.local")).toBe(true);
    expect(matchesSearch("   ", "Ada")).toBe(true);
  });

  it("finds a word in any field, ignoring case and accents", () => {
    expect(matchesSearch("ERIK", "Erik Expert", "expert@dqs.local")).toBe(true);
    expect(matchesSearch("expert@DQS", "Erik Expert", "expert@dqs.local")).toBe(true);
    expect(matchesSearch("zoe", "Zoë Zed", "z@dqs.local")).toBe(true);
    expect(matchesSearch("nobody", "Erik Expert", "expert@dqs.local")).toBe(false);
  });

  it("needs every word, each in some field", () => {
    expect(matchesSearch("erik local", "Erik Expert", "expert@dqs.local")).toBe(true);
    expect(matchesSearch("erik ana", "Erik Expert", "expert@dqs.local")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeNextPath("/datasets/1")).toBe("/datasets/1");
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/runs/abc?tab=scores#top")).toBe("/runs/abc?tab=scores#top");
    expect(safeNextPath("/a/../datasets")).toBe("/datasets");
  });

  it("percent-encodes what a header could not carry", () => {
    expect(safeNextPath("/datasets/é x")).toBe("/datasets/%C3%A9%20x");
  });

  it.each([
    ["missing", null],
    ["undefined", undefined],
    ["empty", ""],
    ["relative", "datasets"],
    ["absolute URL", "https://evil.example/"],
    ["scheme without slashes", "javascript:alert(1)"],
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["backslash later", "/a\\b"],
    ["tab inside", "/\t/evil.example"],
    ["newline inside", "/\n/evil.example"],
    ["carriage return", "/datasets\r\nSet-Cookie: x=1"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f"],
    ["C1 control", "/\u0085/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["dot segment to //", "/.//evil.example"],
    ["dot-dot segment to //", "/a/..//evil.example"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (_name, value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  it("never returns anything a browser would read as another host", () => {
    const tricky = ["/%2F%2Fevil.example", "/%09/evil.example", "/%5Cevil.example", "/@evil.example", "/ /evil.example"];
    for (const value of tricky) {
      const out = safeNextPath(value);
      expect(out).not.toBeNull();
      expect(new URL(out ?? "", "https://app.example").host).toBe("app.example");
    }
  });

  it("refuses values that are not strings (a repeated query parameter)", () => {
    expect(safeNextPath(["/a", "/b"] as unknown as string)).toBeNull();
  });
});

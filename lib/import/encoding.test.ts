import { describe, expect, it } from "vitest";
import { checkFileStart, createEncodingChecker, firstInvalidUtf8 } from "./encoding";
import { ImportError } from "./errors";
import { thrown } from "./test-helpers";

const utf8 = (text: string) => new TextEncoder().encode(text);

function check(...chunks: Uint8Array[]): void {
  const checker = createEncodingChecker("f.csv");
  chunks.forEach((c) => checker.push(c));
  checker.end();
}

describe("encoding checks", () => {
  it("accepts UTF-8 with a byte-order mark and multi-byte characters split across chunks", () => {
    const bytes = utf8("\ufeffname,größe\n1,2\n");
    const cut = bytes.indexOf(0xc3) + 1; // inside "ö"
    expect(() => check(bytes.subarray(0, cut), bytes.subarray(cut))).not.toThrow();
  });

  it("refuses UTF-16 by its byte-order mark, and NUL bytes", () => {
    const le = thrown(() => checkFileStart(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), "f.csv")) as ImportError;
    expect(le.code).toBe("encoding");
    expect(le.message).toBe("f.csv, line 1: the file is UTF-16 encoded; save it as UTF-8 CSV");
    const nul = thrown(() => checkFileStart(new Uint8Array([0x61, 0x0a, 0x00, 0x62]), "f.csv")) as ImportError;
    expect(nul.where.line).toBe(2);
    expect(nul.message).toContain("NUL bytes");
  });

  it("refuses a NUL byte far past the start, naming its line", () => {
    const error = thrown(() => check(utf8(`a,b\n${"1,2\n".repeat(2000)}`), utf8("x\u0000y,3\n"))) as ImportError;
    expect(error.code).toBe("encoding");
    expect(error.where).toEqual({ file: "f.csv", line: 2002 });
  });

  it("names the line of the first invalid byte, counting lines of earlier chunks", () => {
    const latin1 = new Uint8Array([...utf8("x,y\n3,4\n"), 0x67, 0x72, 0xf6, 0xdf, 0x65]); // "größe" in Latin-1
    const error = thrown(() => check(utf8("a,b\n1,2\n"), latin1)) as ImportError;
    expect(error.code).toBe("encoding");
    expect(error.where).toEqual({ file: "f.csv", line: 5 });
  });

  it("refuses a file that ends inside a character", () => {
    expect((thrown(() => check(new Uint8Array([0x61, 0xe2, 0x82]))) as ImportError).code).toBe("encoding");
  });

  it("locates invalid bytes", () => {
    expect(firstInvalidUtf8(utf8("ok ✓"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc3, 0x41]))).toBe(1);
  });
});

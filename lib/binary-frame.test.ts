import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, FrameError } from "./binary-frame";

describe("binary frame", () => {
  it("round-trips a header and a body", () => {
    const body = new Uint8Array([1, 2, 3, 250]);
    const frame = encodeFrame({ kind: "scores", n: 1 }, body);
    // 4 bytes of length, then the JSON {"kind":"scores","n":1} (23 bytes), then the body.
    expect(new DataView(frame.buffer).getUint32(0, true)).toBe(23);
    const decoded = decodeFrame(frame);
    expect(decoded.header).toEqual({ kind: "scores", n: 1 });
    expect(Array.from(decoded.body)).toEqual([1, 2, 3, 250]);
  });

  it("rejects truncated frames and bad headers with typed errors", () => {
    expect(() => decodeFrame(new Uint8Array([1, 0]))).toThrow(FrameError);
    const frame = encodeFrame({ a: 1 }, new Uint8Array());
    expect(() => decodeFrame(frame.subarray(0, 6))).toThrow(/ends inside its header/);
    const bad = new Uint8Array([2, 0, 0, 0, 0x7b, 0x7b]);
    expect(() => decodeFrame(bad)).toThrow(/not valid JSON/);
  });

  it("refuses a header with a NUL character or nested too deeply", () => {
    expect(() => decodeFrame(encodeFrame({ name: "a\u0000" }, new Uint8Array()))).toThrow(/NUL character/);
    const json = new TextEncoder().encode(`{"config":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const deep = new Uint8Array(4 + json.length);
    new DataView(deep.buffer).setUint32(0, json.length, true);
    deep.set(json, 4);
    expect(() => decodeFrame(deep)).toThrow(/nested more than 64 levels/);
  });
});

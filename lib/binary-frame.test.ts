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
});

import { describe, expect, it } from "vitest";
import { decodeFloat32, decodeRange, encodeChunks, encodeFloat32, firstNonFinite } from "./chunks";

const columns = [
  Float32Array.from([0, 1, 2, 3, 4, 5, 6]),
  Float32Array.from([10, 11, 12, 13, 14, 15, 16]),
  Float32Array.from([20, 21, 22, 23, 24, 25, 26]),
];

describe("series chunks", () => {
  it("round-trips float32 values through bytes", () => {
    const values = Float32Array.from([1.5, -2.25, Number.MAX_VALUE, 0]);
    expect(Array.from(decodeFloat32(encodeFloat32(values)))).toEqual(Array.from(new Float32Array(values)));
  });

  it("stores little-endian float32 (1.0 is 00 00 80 3f)", () => {
    expect(Array.from(encodeFloat32(Float32Array.from([1])))).toEqual([0, 0, 0x80, 0x3f]);
  });

  it("splits into chunks of the given number of steps, channel-major", () => {
    const chunks = encodeChunks(columns, 3);
    expect(chunks.map((c) => [c.index, c.start, c.length])).toEqual([
      [0, 0, 3],
      [1, 3, 3],
      [2, 6, 1],
    ]);
    expect(Array.from(decodeFloat32(chunks[1]!.data))).toEqual([3, 4, 5, 13, 14, 15, 23, 24, 25]);
  });

  it("reassembles any range of any channels across chunk borders", () => {
    const chunks = encodeChunks(columns, 3).reverse();
    const [a, b] = decodeRange(chunks, 3, [2, 0], 2, 7);
    expect(Array.from(a!)).toEqual([22, 23, 24, 25, 26]);
    expect(Array.from(b!)).toEqual([2, 3, 4, 5, 6]);
  });

  it("rejects a chunk whose size does not match its channel count", () => {
    const chunks = encodeChunks(columns, 4);
    expect(() => decodeRange(chunks, 2, [0], 0, 4)).toThrow(RangeError);
  });

  it("finds the first value that is not finite", () => {
    expect(firstNonFinite(Float32Array.from([0, -1.5, 3e38]))).toBe(-1);
    expect(firstNonFinite(Float32Array.from([0, Number.NaN, Number.POSITIVE_INFINITY]))).toBe(1);
    expect(firstNonFinite(Float32Array.from([1, 2, Number.NEGATIVE_INFINITY]))).toBe(2);
  });
});

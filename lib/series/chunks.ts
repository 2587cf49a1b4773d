/**
 * Binary layout of stored series: a chunk holds `length` steps of every channel as little-endian
 * float32, channel-major (channel c at bytes [c·length·4, (c+1)·length·4)). Pure, so that the
 * server, a worker and a Node command read and write the same bytes.
 */
import type { SeriesColumns } from "./types";

/** Steps per stored chunk: 8 channels × 16,384 steps × 4 B = 512 KiB per row. */
export const CHUNK_STEPS = 16_384;

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeFloat32(values: Float32Array): Uint8Array<ArrayBuffer> {
  const copy = new Float32Array(values);
  if (!littleEndian) swapBytes32(copy);
  return new Uint8Array(copy.buffer);
}

export function decodeFloat32(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const values = new Float32Array(copy.buffer);
  if (!littleEndian) swapBytes32(values);
  return values;
}

function swapBytes32(values: Float32Array): void {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, view.getFloat32(i * 4, true), false);
}

/** Index of the first NaN or ±Infinity in `values`, or -1 when every value is finite. */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

export type EncodedChunk = { index: number; start: number; length: number; data: Uint8Array<ArrayBuffer> };

/** Splits a sequence's columns into chunks of `chunkSteps` steps. */
export function encodeChunks(columns: SeriesColumns, chunkSteps = CHUNK_STEPS): EncodedChunk[] {
  const total = columns[0]?.length ?? 0;
  const chunks: EncodedChunk[] = [];
  for (let start = 0, index = 0; start < total; start += chunkSteps, index++) {
    const length = Math.min(chunkSteps, total - start);
    const block = new Float32Array(length * columns.length);
    columns.forEach((column, c) => block.set(column.subarray(start, start + length), c * length));
    chunks.push({ index, start, length, data: encodeFloat32(block) });
  }
  return chunks;
}

export type StoredChunk = { start: number; length: number; data: Uint8Array };

/**
 * Reassembles steps [from, to) of the given channels from stored chunks (in any order; chunks
 * outside the range are ignored).
 */
export function decodeRange(chunks: StoredChunk[], channelCount: number, channels: number[], from: number, to: number): SeriesColumns {
  const out = channels.map(() => new Float32Array(Math.max(0, to - from)));
  for (const chunk of chunks) {
    const lo = Math.max(from, chunk.start);
    const hi = Math.min(to, chunk.start + chunk.length);
    if (lo >= hi) continue;
    const values = decodeFloat32(chunk.data);
    if (values.length !== chunk.length * channelCount) {
      throw new RangeError(`chunk at ${chunk.start} holds ${values.length} values, expected ${chunk.length * channelCount}`);
    }
    channels.forEach((c, k) => {
      const offset = c * chunk.length;
      out[k]?.set(values.subarray(offset + lo - chunk.start, offset + hi - chunk.start), lo - from);
    });
  }
  return out;
}

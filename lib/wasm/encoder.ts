/**
 * The few pieces of the WebAssembly binary format the hand-assembled kernels share (lib/dtw/dtw-wasm.ts,
 * lib/detectors/lstm-wasm.ts): LEB128 integers, vectors, sections and names. Each kernel keeps the
 * instructions it uses beside its program.
 */
export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(value: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(value: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
export const name = (s: string): Bytes => vector([...s].map((c) => [c.charCodeAt(0)]));

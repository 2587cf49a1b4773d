/** Regrouping a byte stream into fixed-size blocks (how staged uploads are stored, 1 MiB a row). */

/** The stream's bytes regrouped into blocks of `size` (the last one shorter). */
export async function* blocksOf(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let block = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const n = Math.min(size - filled, chunk.byteLength - offset);
      block.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield block;
        block = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield block.slice(0, filled);
}

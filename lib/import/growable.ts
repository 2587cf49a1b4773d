/**
 * Append-only typed columns that grow in fixed blocks (no doubling and copying while rows arrive),
 * joined into one exact-size array at the end.
 */
const BLOCK = 1 << 16;

type Typed = Float32Array | Uint8Array;

abstract class Growable<T extends Typed> {
  private readonly blocks: T[] = [];
  private current: T;
  private pos = 0;
  length = 0;

  constructor() {
    this.current = this.create(BLOCK);
    this.blocks.push(this.current);
  }

  protected abstract create(length: number): T;

  push(value: number): void {
    if (this.pos === BLOCK) {
      this.current = this.create(BLOCK);
      this.blocks.push(this.current);
      this.pos = 0;
    }
    this.current[this.pos++] = value;
    this.length++;
  }

  /** Overwrites steps [from, to) with `value` (forward / backward fill of earlier steps). */
  fill(value: number, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const block = this.blocks[Math.floor(i / BLOCK)];
      if (block) block[i % BLOCK] = value;
    }
  }

  /** One array of `length` values; the blocks are released. */
  take(): T {
    const out = this.create(this.length);
    this.blocks.forEach((block, b) => {
      const start = b * BLOCK;
      out.set(block.subarray(0, Math.min(BLOCK, this.length - start)), start);
    });
    this.blocks.length = 0;
    return out;
  }
}

export class GrowableFloat32 extends Growable<Float32Array> {
  protected create(length: number): Float32Array {
    return new Float32Array(length);
  }
}

export class GrowableUint8 extends Growable<Uint8Array> {
  protected create(length: number): Uint8Array {
    return new Uint8Array(length);
  }
}

import { describe, expect, it } from "vitest";
import { blocksOf } from "./blocks";

async function* from(parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Uint8Array.from(p);
}

async function collect(parts: number[][], size: number): Promise<number[][]> {
  const out: number[][] = [];
  for await (const block of blocksOf(from(parts), size)) out.push([...block]);
  return out;
}

describe("blocksOf", () => {
  it("regroups uneven chunks into full blocks and a shorter last one, bytes in order", async () => {
    expect(await collect([[1, 2], [3, 4, 5, 6, 7], [], [8]], 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it("yields nothing for an empty stream and no empty tail after an exact multiple", async () => {
    expect(await collect([], 4)).toEqual([]);
    expect(await collect([[1, 2, 3, 4]], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("hands out a fresh block each time (a consumer may keep them)", async () => {
    const kept: Uint8Array[] = [];
    for await (const block of blocksOf(from([[1, 2, 3, 4, 5, 6]]), 2)) kept.push(block);
    expect(kept.map((b) => [...b])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });
});

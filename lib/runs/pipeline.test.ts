import { describe, expect, it } from "vitest";
import { mapInOrder, pipeline } from "./pipeline";

/** A promise resolved by hand, to put stages in a chosen order. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("mapInOrder", () => {
  it("keeps the items' order whatever order they finish in, and never runs more than the limit", async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 10, 2, 0];
    const out = await mapInOrder(delays, 3, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
    expect(await mapInOrder([], 4, async () => 1)).toEqual([]);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    const result = mapInOrder([0, 1, 2, 3, 4, 5], 2, async (_, i) => {
      started.push(i);
      await tick();
      if (i === 1) throw new Error("sequence 1 is gone");
      return i;
    });
    await expect(result).rejects.toThrow("sequence 1 is gone");
    expect(started.length).toBeLessThan(6);
  });
});

describe("pipeline", () => {
  it("fetches the next item while computing, stores during the next compute, and stores every item once", async () => {
    const log: string[] = [];
    const computeGates = [gate(), gate(), gate()];
    const storeGates = [gate(), gate(), gate()];
    const storedCounts: number[] = [];
    const done = pipeline(
      3,
      1,
      {
        fetch: async (i) => {
          log.push(`fetch ${i}`);
          return i * 2;
        },
        compute: async (_lane, i, data) => {
          log.push(`compute ${i}`);
          await computeGates[i]!.promise;
          return data + 1;
        },
        store: async (i, result) => {
          log.push(`store ${i}=${result}`);
          await storeGates[i]!.promise;
        },
      },
      (n) => storedCounts.push(n),
    );
    await tick();
    // Item 1 is fetched while item 0 computes (its compute has not finished).
    expect(log).toEqual(["fetch 0", "fetch 1", "compute 0"]);
    computeGates[0]!.open();
    await tick();
    // Item 0 is stored while item 1 computes.
    expect(log.slice(3).sort()).toEqual(["compute 1", "fetch 2", "store 0=1"]);
    computeGates[1]!.open();
    await tick();
    // At most one store in flight: item 1's store waits for item 0's.
    expect(log).not.toContain("store 1=3");
    storeGates[0]!.open();
    await tick();
    expect(log).toContain("store 1=3");
    computeGates[2]!.open();
    storeGates[1]!.open();
    storeGates[2]!.open();
    await done;
    expect(log.filter((l) => l.startsWith("store"))).toEqual(["store 0=1", "store 1=3", "store 2=5"]);
    expect(storedCounts).toEqual([1, 2, 3]);
  });

  it("shares the items among lanes, each item computed once", async () => {
    const seen = new Map<number, number>();
    const stored: number[] = [];
    await pipeline(10, 3, {
      fetch: async (i) => i,
      compute: async (lane, i) => {
        seen.set(i, lane);
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        return i * i;
      },
      store: async (i, r) => void stored.push(r - i * i + i),
    });
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(seen.values()).size).toBe(3);
    expect(stored.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("rejects with a failed fetch, compute or store, and the other lanes take no new item", async () => {
    for (const failing of ["fetch", "compute", "store"] as const) {
      const computed: number[] = [];
      const run = pipeline(20, 2, {
        fetch: async (i) => {
          await tick();
          if (failing === "fetch" && i === 3) throw new Error(`${failing} failed`);
          return i;
        },
        compute: async (_lane, i) => {
          computed.push(i);
          await tick();
          if (failing === "compute" && i === 3) throw new Error(`${failing} failed`);
          return i;
        },
        store: async (i) => {
          await tick();
          if (failing === "store" && i === 3) throw new Error(`${failing} failed`);
        },
      });
      await expect(run).rejects.toThrow(`${failing} failed`);
      expect(computed.length).toBeLessThan(20);
    }
  });

  it("starts no new item once told to stop, and resolves", async () => {
    let computed = 0;
    await pipeline(
      100,
      2,
      {
        fetch: async (i) => i,
        compute: async (_lane, i) => {
          computed++;
          await tick();
          return i;
        },
        store: async () => undefined,
      },
      undefined,
      () => computed >= 5,
    );
    expect(computed).toBeLessThan(10);
  });
});

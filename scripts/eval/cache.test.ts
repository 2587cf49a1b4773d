import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashOf, ModelCache, type CachedModel } from "./cache";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function cache(): ModelCache {
  const dir = mkdtempSync(path.join(tmpdir(), "eval-cache-"));
  dirs.push(dir);
  return new ModelCache(path.join(dir, "nested"));
}

const model: CachedModel = {
  weights: {
    kind: "lstm-ae",
    config: { features: 1, windowSize: 2, hidden: 1, latent: 1, seed: 0 },
    specs: [{ name: "w", shape: [2], dtype: "float32" }],
    data: new Uint8Array(8),
  },
  scores: new Map([
    ["a", Float32Array.from([1, 2, 3])],
    ["b", Float32Array.from([4.5])],
  ]),
  train: { epochs: 3, bestEpoch: 1, bestLoss: 0.5, stopReason: "completed", seconds: 2, windowSize: 2 },
};

describe("ModelCache", () => {
  it("gives back the scores and training summary it stored", () => {
    const c = cache();
    expect(c.read("k")).toBeNull();
    c.write("k", model);
    const hit = c.read("k");
    expect([...(hit?.scores ?? [])]).toEqual([...model.scores]);
    expect(hit?.train).toEqual(model.train);
    c.write("k", model); // a second write of the same key is a no-op
  });

  it("treats a damaged folder as a miss", () => {
    const c = cache();
    c.write("k", model);
    writeFileSync(path.join(c.dir, "k", "scores.bin"), new Uint8Array(3));
    expect(c.read("k")).toBeNull();
  });

  it("hashes the same parts to the same key and different parts apart", () => {
    expect(hashOf({ a: 1, b: [2] })).toBe(hashOf({ a: 1, b: [2] }));
    expect(hashOf({ a: 1 })).not.toBe(hashOf({ a: 2 }));
  });
});

import { describe, expect, it } from "vitest";
import { DistanceCache, ScopedDistanceCaches } from "./distance-cache";
import { selectDqs } from "./dqs";
import { syntheticScores } from "./synthetic-scores";
import type { QueryContext } from "./types";

/** Two runs of one dataset: the same candidate keys (stretches), different scores. */
const runA = syntheticScores(40, 60, 1);
const runB = syntheticScores(40, 60, 2);
const ctx = (candidates: typeof runA, distance: DistanceCache): QueryContext => ({ candidates, queried: [], budget: 6, seed: 3, distance });

describe("ScopedDistanceCaches", () => {
  it("gives each run its own cache, so a second run's DQS picks are its own", () => {
    const fresh = selectDqs(ctx(runB, new DistanceCache())).map((p) => p.key);
    const caches = new ScopedDistanceCaches();
    selectDqs(ctx(runA, caches.forScope("run-a")));
    expect(selectDqs(ctx(runB, caches.forScope("run-b"))).map((p) => p.key)).toEqual(fresh);
    // What one cache shared by both runs did: run A's distances answer run B's pairs.
    const shared = new DistanceCache();
    selectDqs(ctx(runA, shared));
    expect(selectDqs(ctx(runB, shared)).map((p) => p.key)).not.toEqual(fresh);
  });

  it("returns the same cache for the same run and forgets the least recently used beyond `keep`", () => {
    const caches = new ScopedDistanceCaches(2);
    const a = caches.forScope("a");
    a.set("x", "y", 1);
    expect(caches.forScope("a").get("y", "x")).toBe(1);
    caches.forScope("b");
    caches.forScope("a");
    caches.forScope("c");
    expect(caches.scopes).toEqual(["a", "c"]);
    expect(caches.forScope("b").size).toBe(0);
  });
});

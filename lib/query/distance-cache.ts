/**
 * Exact DTW distances between units, keyed by the unordered pair of their keys (DTW is symmetric:
 * d(a, b) and d(b, a) are bit-identical). Keep one per dataset and detector run and hand it to
 * every DQS batch; only exact distances are stored, never bounds.
 */
export class DistanceCache {
  private readonly byKey = new Map<string, Map<string, number>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(a: string, b: string): number | undefined {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return this.byKey.get(lo)?.get(hi);
  }

  set(a: string, b: string, distance: number): void {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    let inner = this.byKey.get(lo);
    if (!inner) {
      inner = new Map();
      this.byKey.set(lo, inner);
    }
    if (!inner.has(hi)) this.count++;
    inner.set(hi, distance);
  }

  clear(): void {
    this.byKey.clear();
    this.count = 0;
  }
}

/**
 * One DistanceCache per scope (a detector run): a candidate key names a stretch of the dataset, not
 * the scores on it, so two runs of one dataset must never share distances. Keeps the `keep` most
 * recently used scopes (a page works on one run at a time).
 */
export class ScopedDistanceCaches {
  private readonly byScope = new Map<string, DistanceCache>();

  constructor(private readonly keep = 2) {}

  forScope(scope: string): DistanceCache {
    let cache = this.byScope.get(scope);
    if (cache) this.byScope.delete(scope);
    else cache = new DistanceCache();
    this.byScope.set(scope, cache); // most recent last
    while (this.byScope.size > this.keep) {
      const oldest = this.byScope.keys().next().value;
      if (oldest === undefined) break;
      this.byScope.delete(oldest);
    }
    return cache;
  }

  get scopes(): string[] {
    return [...this.byScope.keys()];
  }
}

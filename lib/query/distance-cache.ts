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

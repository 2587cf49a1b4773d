/**
 * The load test's pure parts (scripts/load.ts runs them against a live app): who labels what, which
 * submissions a flaky client sends twice or drops mid-flight, and the latency summary. Seeded, so a
 * run can be repeated.
 */
import { createRng } from "./rng";

export type Submission = {
  /** Index of the query in the batch. */
  query: number;
  anomalous: boolean;
  /** A retry: the same clientId sent again at once (the first answer may have been lost). */
  doubled: boolean;
  /** The first try is aborted mid-flight and sent again with the same clientId. */
  dropped: boolean;
};

export type LoadPlan = { perExpert: Submission[][]; unique: number };

/**
 * `labels` labels spread over `experts` experts (as evenly as possible), each expert labelling
 * distinct queries of a batch of `queries` (so `labels` ≤ experts × queries); a share `doubledShare`
 * of the submissions is doubled and `droppedShare` dropped once. A query is anomalous when its index
 * is below `anomalousQueries`, as the seeded scores say, with an expert disagreeing now and then.
 */
export function loadPlan(args: {
  experts: number;
  labels: number;
  queries: number;
  anomalousQueries: number;
  doubledShare: number;
  droppedShare: number;
  seed: number;
}): LoadPlan {
  const { experts, labels, queries } = args;
  if (!(experts >= 1 && queries >= 1 && labels >= 1)) throw new RangeError("experts, queries and labels must be at least 1");
  if (labels > experts * queries) throw new RangeError(`${labels} labels need more than ${experts} experts × ${queries} queries`);
  const rng = createRng(args.seed);
  const perExpert = Array.from({ length: experts }, (_, e) => {
    const count = Math.floor(labels / experts) + (e < labels % experts ? 1 : 0);
    // A random order of distinct queries per expert, so that experts collide on queries at random times.
    const order = Array.from({ length: queries }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order.slice(0, count).map((query) => ({
      query,
      anomalous: query < args.anomalousQueries !== rng.next() < 0.05,
      doubled: rng.next() < args.doubledShare,
      dropped: rng.next() < args.droppedShare,
    }));
  });
  return { perExpert, unique: labels };
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type LatencySummary = { requests: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number };

export function summarise(latenciesMs: readonly number[], seconds: number): LatencySummary {
  return {
    requests: latenciesMs.length,
    seconds,
    perSecond: seconds > 0 ? latenciesMs.length / seconds : Number.NaN,
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    p99: percentile(latenciesMs, 99),
  };
}

/** One line per (database, workload): requests, requests/s and the percentiles in ms, side by side. */
export function formatLoadTable(rows: readonly ({ database: string; workload: string } & LatencySummary)[]): string {
  const header = ["database", "workload", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms"];
  const body = rows.map((r) => [
    r.database,
    r.workload,
    String(r.requests),
    r.perSecond.toFixed(1),
    r.p50.toFixed(0),
    r.p95.toFixed(0),
    r.p99.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [header, ...body].map((line) => line.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")).join("\n");
}

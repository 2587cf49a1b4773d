/**
 * DQS batch time: the naive definition (no cache, no pruning, full-matrix DTW) against the pruned
 * implementation (lib/query/dqs.ts), single thread, on seeded synthetic anomaly-score series.
 * Throws when the two disagree on a pick.
 *
 *   npx tsx -e "import('./scripts/bench/dqs.ts').then(m => m.run({ quick: false }))"
 *
 * Naive does a fixed amount of work per DTW call (the whole n × m matrix), so when its full run is
 * predicted to exceed NAIVE_FULL_LIMIT_S (and N is above the smaller size of the run, which is
 * always measured) it is timed on its first picks only and its time is extrapolated from the
 * measured time per call times its exact number of calls; the table says so. The picks of that
 * prefix are checked against ours (DQS is greedy: a smaller budget gives a prefix of the batch).
 */
import { createDtwScratch, dtwDistance } from "../../lib/dtw/dtw";
import { dtwDistanceNaive } from "../../lib/dtw/dtw-naive";
import { selectDqs } from "../../lib/query/dqs";
import { dqsNaive } from "../../lib/query/dqs-naive";
import type { DqsStats } from "../../lib/query/dqs-pairs";
import { syntheticScores } from "../../lib/query/synthetic-scores";
import type { Candidate, QueryPick } from "../../lib/query/types";

const LENGTH = 512;
const BUDGET = 10;
const SEED = 7;
const NAIVE_FULL_LIMIT_S = 240;
const NAIVE_PREFIX_TARGET_S = 75;

type NaiveResult = { seconds: number; measured: boolean; picks: QueryPick[]; calls: number; note: string };
type Row = { n: number; naive: NaiveResult; oursSeconds: number; stats: DqsStats; checked: string };

/** DTW calls of naive DQS with nothing queried: iteration t (1…budget−1) has t queried, N−t left. */
function naiveCalls(n: number, budget: number): number {
  let calls = 0;
  for (let t = 1; t < Math.min(budget, n); t++) calls += (n - t) * (t + 1);
  return calls;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function timeNaive(pool: Candidate[], budget: number): { seconds: number; picks: QueryPick[]; calls: number } {
  let calls = 0;
  const counted = (a: Float32Array, b: Float32Array): number => {
    calls++;
    return dtwDistanceNaive(a, b);
  };
  const start = performance.now();
  const picks = dqsNaive({ candidates: pool, queried: [], budget, seed: SEED }, counted);
  return { seconds: seconds(start), picks, calls };
}

function perCallSeconds(pool: Candidate[], fn: (a: Float32Array, b: Float32Array) => number, calls = 40): number {
  const start = performance.now();
  for (let i = 0; i < calls; i++) fn(pool[i % pool.length]!.scores, pool[(i * 7 + 1) % pool.length]!.scores);
  return seconds(start) / calls;
}

function runNaive(pool: Candidate[], alwaysMeasure: boolean): NaiveResult {
  const total = naiveCalls(pool.length, BUDGET);
  const predicted = total * perCallSeconds(pool, dtwDistanceNaive);
  if (alwaysMeasure || predicted <= NAIVE_FULL_LIMIT_S) {
    const r = timeNaive(pool, BUDGET);
    return { ...r, measured: true, note: "" };
  }
  let prefix = 2;
  while (prefix < BUDGET && naiveCalls(pool.length, prefix + 1) * (predicted / total) <= NAIVE_PREFIX_TARGET_S) prefix++;
  const r = timeNaive(pool, prefix);
  const perCall = r.seconds / r.calls;
  const note =
    `naive at N=${pool.length} timed on its first ${prefix} picks (${r.calls.toLocaleString("en")} DTW calls in ` +
    `${r.seconds.toFixed(1)} s = ${(perCall * 1000).toFixed(2)} ms/call), extrapolated × its exact ` +
    `${total.toLocaleString("en")} calls for ${BUDGET} picks (predicted ${predicted.toFixed(0)} s > ${NAIVE_FULL_LIMIT_S} s limit)`;
  return { seconds: perCall * total, measured: false, picks: r.picks, calls: total, note };
}

function compare(ours: QueryPick[], naive: NaiveResult): string {
  const k = naive.picks.length;
  const a = ours.slice(0, k).map((p) => `${p.key}|${p.reason}`);
  const b = naive.picks.map((p) => `${p.key}|${p.reason}`);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`DQS picks differ from naive:\n  ours  ${a.join(", ")}\n  naive ${b.join(", ")}`);
  }
  return k === ours.length ? `yes (${k}/${k})` : `yes (first ${k} of ${ours.length})`;
}

function benchSize(n: number, alwaysMeasure: boolean): Row {
  const pool = syntheticScores(n, LENGTH, SEED);
  const stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
  const start = performance.now();
  const ours = selectDqs({ candidates: pool, queried: [], budget: BUDGET, seed: SEED }, stats);
  const oursSeconds = seconds(start);
  const naive = runNaive(pool, alwaysMeasure);
  return { n, naive, oursSeconds, stats, checked: compare(ours, naive) };
}

const pad = (s: string, w: number): string => s.padEnd(w);
const fmtS = (s: number): string => (s >= 100 ? s.toFixed(0) : s.toFixed(s >= 10 ? 1 : 2)) + " s";

function printTable(rows: Row[]): void {
  const head = ["N", "naive (no cache/pruning)", "ours (cache + exact pruning)", "speed-up", "DTW cells naive/ours", "same picks"];
  const widths = [8, 28, 30, 10, 22, 22];
  console.log(head.map((h, i) => pad(h, widths[i]!)).join("  "));
  for (const r of rows) {
    const naiveCells = r.naive.calls * LENGTH * LENGTH;
    const cells = [
      r.n.toLocaleString("en"),
      `${fmtS(r.naive.seconds)} ${r.naive.measured ? "(measured)" : "(extrapolated*)"}`,
      fmtS(r.oursSeconds),
      `${(r.naive.seconds / r.oursSeconds).toFixed(1)}×`,
      `${(naiveCells / r.stats.cells).toFixed(1)}×`,
      r.checked,
    ];
    console.log(cells.map((c, i) => pad(c, widths[i]!)).join("  "));
  }
  for (const r of rows) if (r.naive.note) console.log(`* ${r.naive.note}`);
  console.log("\nours, work done:");
  for (const r of rows) {
    const s = r.stats;
    console.log(
      `  N=${r.n.toLocaleString("en")}: ${s.dtwCalls.toLocaleString("en")} DTW calls (naive ${r.naive.calls.toLocaleString("en")}), ` +
        `${s.abandoned.toLocaleString("en")} abandoned early, ${s.corridorCalls.toLocaleString("en")} corridor upper bounds, ` +
        `${(s.cells / 1e6).toFixed(0)} M DP cells`,
    );
  }
}

export async function run(opts: { quick: boolean }): Promise<void> {
  const sizes = opts.quick ? [200, 1000] : [1000, 10000];
  const warm = syntheticScores(40, LENGTH, 1);
  selectDqs({ candidates: warm, queried: [], budget: 3, seed: 1 });
  dqsNaive({ candidates: warm.slice(0, 10), queried: [], budget: 2, seed: 1 });
  const scratch = createDtwScratch(LENGTH);
  const kernelNaive = perCallSeconds(warm, dtwDistanceNaive);
  const kernelOurs = perCallSeconds(warm, (a, b) => dtwDistance(a, b, { scratch }));
  console.log(`DQS batch: budget ${BUDGET}, series length ${LENGTH}, seeded synthetic anomaly scores, single thread`);
  console.log(
    `one ${LENGTH}×${LENGTH} DTW: full matrix ${(kernelNaive * 1000).toFixed(2)} ms, two-row kernel ` +
      `${(kernelOurs * 1000).toFixed(2)} ms (${(kernelNaive / kernelOurs).toFixed(2)}× of the speed-up is the kernel)\n`,
  );
  const rows: Row[] = [];
  for (const n of sizes) rows.push(benchSize(n, n === sizes[0]));
  printTable(rows);
}

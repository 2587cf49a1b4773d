/**
 * First the DTW kernel alone: old (JavaScript), new (the app's) and a plain C full DTW side by side
 * (scripts/bench/dtw-kernel.ts). Then DQS batch time: the naive definition (no cache, no pruning,
 * full-matrix DTW) against the pruned implementation (lib/query/dqs.ts) on one thread, on a pool of
 * worker threads (the same code as the browser's DTW workers), and with whole rows estimated on
 * WebGPU in headless Chromium (whatever adapter it offers: on a machine without a GPU that is
 * SwiftShader, a software rasteriser, and the table says so), on seeded synthetic anomaly-score
 * series. Throws when any two disagree on a pick.
 *
 *   npx tsx -e "import('./scripts/bench/dqs.ts').then(m => m.run({ quick: false }))"
 *
 * Naive does a fixed amount of work per DTW call (the whole n × m matrix), so when its full run is
 * predicted to exceed NAIVE_FULL_LIMIT_S (and N is above the smaller size of the run, which is
 * always measured) it is timed on its first picks only and its time is extrapolated from the
 * measured time per call times its exact number of calls; the table says so. The picks of that
 * prefix are checked against ours (DQS is greedy: a smaller budget gives a prefix of the batch).
 */
import { availableParallelism } from "node:os";
import { createDtwScratch, dtwDistance } from "../../lib/dtw/dtw";
import { dtwDistanceNaive } from "../../lib/dtw/dtw-naive";
import { selectDqs, selectDqsWith } from "../../lib/query/dqs";
import { poolExecutor } from "../../lib/query/pair-pool";
import type { GpuBenchArgs, GpuBenchResult } from "./dqs-gpu-page";
import { benchDtwKernel } from "./dtw-kernel";
import { startThreadPool, type ThreadPool } from "./dtw-threads";
import { openLibPage, type LibPage } from "./lib-page";
import { dqsNaive } from "../../lib/query/dqs-naive";
import type { DqsStats } from "../../lib/query/dqs-pairs";
import { syntheticScores } from "../../lib/query/synthetic-scores";
import type { Candidate, QueryPick } from "../../lib/query/types";

const LENGTH = 512;
const BUDGET = 10;
const SEED = 7;
const NAIVE_FULL_LIMIT_S = 240;
const NAIVE_PREFIX_TARGET_S = 75;
/** The WebGPU batch is measured in full when one row × (2·budget − 1) rows is predicted below this. */
const GPU_FULL_LIMIT_S = 150;

type NaiveResult = { seconds: number; measured: boolean; picks: QueryPick[]; calls: number; note: string };
type GpuResult = { seconds: number | null; measured: boolean; label: string; note: string };
type Row = { n: number; naive: NaiveResult; oursSeconds: number; poolSeconds: number; stats: DqsStats; gpu: GpuResult; checked: string };

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

function samePicks(ours: QueryPick[], other: string[], who: string): void {
  const a = ours.map((p) => `${p.key}|${p.reason}`);
  if (JSON.stringify(a) !== JSON.stringify(other))
    throw new Error(`DQS picks differ (${who}):\n  ours ${a.join(", ")}\n  ${who} ${other.join(", ")}`);
}

async function benchPool(pool: Candidate[], threads: ThreadPool, ours: QueryPick[]): Promise<number> {
  const start = performance.now();
  const picks = await selectDqsWith({ candidates: pool, queried: [], budget: BUDGET, seed: SEED }, poolExecutor(threads.workers));
  const s = seconds(start);
  samePicks(
    ours,
    picks.map((p) => `${p.key}|${p.reason}`),
    `pool of ${threads.workers.length}`,
  );
  return s;
}

async function benchGpu(n: number, page: LibPage | null, ours: QueryPick[]): Promise<GpuResult> {
  if (!page) return { seconds: null, measured: false, label: "n/a", note: "" };
  const args: GpuBenchArgs = { n, length: LENGTH, budget: BUDGET, seed: SEED, rowOnly: true };
  const probe = await page.evaluateModule<GpuBenchResult>("/scripts/bench/dqs-gpu-page.ts", "run", args);
  if (!probe.ok) return { seconds: null, measured: false, label: "n/a", note: `WebGPU at N=${n}: ${probe.reason}` };
  const kind = probe.software ? "software adapter" : "GPU";
  const rowNote = `one row of ${n.toLocaleString("en")} distances ${probe.rowSeconds.toFixed(2)} s, max relative error vs CPU ${probe.rowMaxRelativeError.toExponential(1)}`;
  const maxRows = 2 * BUDGET - 1;
  if (probe.rowSeconds * maxRows > GPU_FULL_LIMIT_S) {
    return {
      seconds: probe.rowSeconds * maxRows,
      measured: false,
      label: probe.adapter,
      note: `WebGPU at N=${n} (${probe.adapter}, ${kind}): ${rowNote}; batch extrapolated as ${maxRows} rows (the most a batch of ${BUDGET} asks for), CPU confirmation not included`,
    };
  }
  const full = await page.evaluateModule<GpuBenchResult>("/scripts/bench/dqs-gpu-page.ts", "run", { ...args, rowOnly: false });
  if (!full.ok || full.seconds === undefined) return { seconds: null, measured: false, label: probe.adapter, note: "WebGPU batch failed" };
  samePicks(ours, full.picks ?? [], "WebGPU");
  return {
    seconds: full.seconds,
    measured: true,
    label: probe.adapter,
    note: `WebGPU at N=${n} (${probe.adapter}, ${kind}): ${rowNote}; ${full.rows} rows estimated, ${full.stats?.dtwCalls} exact DTW calls on the CPU`,
  };
}

async function benchSize(n: number, alwaysMeasure: boolean, threads: ThreadPool, page: LibPage | null): Promise<Row> {
  const pool = syntheticScores(n, LENGTH, SEED);
  const stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
  const start = performance.now();
  const ours = selectDqs({ candidates: pool, queried: [], budget: BUDGET, seed: SEED }, stats);
  const oursSeconds = seconds(start);
  const poolSeconds = await benchPool(pool, threads, ours);
  const gpu = await benchGpu(n, page, ours);
  const naive = runNaive(pool, alwaysMeasure);
  return { n, naive, oursSeconds, poolSeconds, stats, gpu, checked: compare(ours, naive) };
}

const pad = (s: string, w: number): string => s.padEnd(w);
const fmtS = (s: number): string => (s >= 100 ? s.toFixed(0) : s.toFixed(s >= 10 ? 1 : 2)) + " s";

function printTable(rows: Row[], threads: number): void {
  const head = [
    "N",
    "naive (no cache/pruning)",
    "ours, 1 thread",
    `ours, pool of ${threads}`,
    "ours + WebGPU rows",
    "speed-up vs naive (1 / pool / GPU)",
    "DTW cells naive/ours",
    "same picks",
  ];
  const widths = [8, 26, 15, 16, 22, 36, 21, 20];
  console.log(head.map((h, i) => pad(h, widths[i]!)).join("  "));
  const ratio = (x: number | null) => (x === null ? "–" : `${x.toFixed(1)}×`);
  for (const r of rows) {
    const naiveCells = r.naive.calls * LENGTH * LENGTH;
    const gpu = r.gpu.seconds === null ? "n/a" : `${fmtS(r.gpu.seconds)}${r.gpu.measured ? "" : " (extrap.†)"}`;
    const cells = [
      r.n.toLocaleString("en"),
      `${fmtS(r.naive.seconds)} ${r.naive.measured ? "(measured)" : "(extrap.*)"}`,
      fmtS(r.oursSeconds),
      fmtS(r.poolSeconds),
      gpu,
      [r.oursSeconds, r.poolSeconds, r.gpu.seconds].map((x) => ratio(x === null ? null : r.naive.seconds / x)).join(" / "),
      `${(naiveCells / r.stats.cells).toFixed(1)}×`,
      r.checked,
    ];
    console.log(cells.map((c, i) => pad(c, widths[i]!)).join("  "));
  }
  for (const r of rows) if (r.naive.note) console.log(`* ${r.naive.note}`);
  for (const r of rows) if (r.gpu.note) console.log(`${r.gpu.measured ? "" : "† "}${r.gpu.note}`);
  console.log("\nours (1 thread), work done:");
  for (const r of rows) {
    const s = r.stats;
    console.log(
      `  N=${r.n.toLocaleString("en")}: ${s.dtwCalls.toLocaleString("en")} DTW calls (naive ${r.naive.calls.toLocaleString("en")}), ` +
        `${s.abandoned.toLocaleString("en")} abandoned early, ${s.corridorCalls.toLocaleString("en")} corridor upper bounds, ` +
        `${(s.cells / 1e6).toFixed(0)} M DP cells`,
    );
  }
}

async function openGpuPage(): Promise<LibPage | null> {
  try {
    return await openLibPage();
  } catch (error) {
    console.log(`WebGPU rows skipped: Chromium did not start (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return null;
  }
}

export async function run(opts: { quick: boolean }): Promise<void> {
  const sizes = opts.quick ? [200, 1000] : [1000, 10000];
  benchDtwKernel(opts.quick);
  const warm = syntheticScores(40, LENGTH, 1);
  selectDqs({ candidates: warm, queried: [], budget: 3, seed: 1 });
  dqsNaive({ candidates: warm.slice(0, 10), queried: [], budget: 2, seed: 1 });
  const scratch = createDtwScratch(LENGTH);
  const kernelNaive = perCallSeconds(warm, dtwDistanceNaive);
  const kernelOurs = perCallSeconds(warm, (a, b) => dtwDistance(a, b, { scratch }));
  const threads = startThreadPool(availableParallelism());
  const page = await openGpuPage();
  console.log(`DQS batch: budget ${BUDGET}, series length ${LENGTH}, seeded synthetic anomaly scores; ${availableParallelism()} cores`);
  console.log(
    `one ${LENGTH}×${LENGTH} DTW: full matrix ${(kernelNaive * 1000).toFixed(2)} ms, two-row kernel ` +
      `${(kernelOurs * 1000).toFixed(2)} ms (${(kernelNaive / kernelOurs).toFixed(2)}× of the speed-up is the kernel)\n`,
  );
  const rows: Row[] = [];
  try {
    for (const n of sizes) rows.push(await benchSize(n, n === sizes[0], threads, page));
  } finally {
    await threads.close();
    await page?.close();
  }
  printTable(rows, threads.workers.length);
}

/**
 * The WebGPU side of the DQS benchmark, run in a Chromium page (scripts/bench/lib-page.ts): DQS
 * with whole DTW rows estimated on the GPU and the picks confirmed exactly on the page's thread.
 */
import { GpuDtw } from "../../lib/dtw/webgpu";
import { dtwDistance } from "../../lib/dtw/dtw";
import { inlineExecutor, selectDqsWith } from "../../lib/query/dqs";
import type { DqsStats } from "../../lib/query/dqs-pairs";
import { withGpuRows } from "../../lib/query/gpu-rows";
import type { PairExecutor } from "../../lib/query/pair-work";
import { syntheticScores } from "../../lib/query/synthetic-scores";

export type GpuBenchArgs = { n: number; length: number; budget: number; seed: number; rowOnly: boolean };
export type GpuBenchResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      adapter: string;
      software: boolean;
      /** One row of n distances on the GPU, and its largest relative error against the CPU (first 200). */
      rowSeconds: number;
      rowMaxRelativeError: number;
      /** The whole batch (absent when rowOnly). */
      seconds?: number;
      rows?: number;
      picks?: string[];
      stats?: DqsStats;
    };

export async function run(args: GpuBenchArgs): Promise<GpuBenchResult> {
  const gpu = await GpuDtw.create({ allowSoftware: true });
  if (!("load" in gpu)) return gpu;
  const pool = syntheticScores(args.n, args.length, args.seed);
  const series = pool.map((c) => c.scores);
  gpu.load(series);
  await gpu.row(0, Math.min(8, args.n)); // compile the pipeline
  let t = performance.now();
  const row = await gpu.row(0, args.n);
  const rowSeconds = (performance.now() - t) / 1000;
  let rowMaxRelativeError = 0;
  for (let c = 1; c < Math.min(200, args.n); c++) {
    const exact = dtwDistance(series[0]!, series[c]!);
    rowMaxRelativeError = Math.max(rowMaxRelativeError, Math.abs(row[c]! - exact) / exact);
  }
  const result = { ok: true as const, adapter: gpu.adapter.description, software: gpu.adapter.software, rowSeconds, rowMaxRelativeError };
  if (args.rowOnly) return result;
  let rows = 0;
  const cpu: PairExecutor & { load(s: readonly Float32Array[]): void } = {
    roundSize: 1,
    run: (r) => inner.run(r),
    load: (s) => void (inner = inlineExecutor(s)),
  };
  let inner = inlineExecutor([]);
  const executor = withGpuRows(cpu, gpu);
  const estimate = executor.estimateRows!.bind(executor);
  executor.estimateRows = (ids) => ((rows += ids.length), estimate(ids));
  const stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
  t = performance.now();
  const picks = await selectDqsWith({ candidates: pool, queried: [], budget: args.budget, seed: args.seed }, executor, stats);
  const seconds = (performance.now() - t) / 1000;
  gpu.destroy();
  return { ...result, seconds, rows, picks: picks.map((p) => `${p.key}|${p.reason}`), stats };
}

/**
 * "Which DQS path is fastest here?" — run in the query worker from the admin benchmark page: the
 * same seeded batch on one thread, on the DTW pool and with WebGPU row estimates (a software
 * adapter included, so that the check says how slow it is), each checked against the first.
 */
import { GpuDtw, gpuRelativeError } from "@/lib/dtw/webgpu";
import { dtwDistance } from "@/lib/dtw/dtw";
import { inlineExecutor, poolExecutor, selectDqs, selectDqsWith, syntheticScores, type QueryPick } from "@/lib/query";
import { withGpuRows } from "@/lib/query/gpu-rows";
import type { DtwPoolWorker } from "../dtw/client";

export type DqsCheckArgs = { candidates: number; length: number; budget: number; seed: number };
export type DqsCheckPath = { path: string; ms: number | null; samePicks: boolean | null; note: string };
export type DqsCheckResult = {
  paths: DqsCheckPath[];
  gpu: { adapter: string; software: boolean; maxRelativeError: number; bound: number } | null;
};

const same = (a: QueryPick[], b: QueryPick[]) => JSON.stringify(a) === JSON.stringify(b);

export async function checkDqsPaths(args: DqsCheckArgs, pool: DtwPoolWorker[] | null, usesGpuFrom: number): Promise<DqsCheckResult> {
  const candidates = syntheticScores(args.candidates, args.length, args.seed);
  const ctx = { candidates, queried: [], budget: args.budget, seed: args.seed };
  let t = performance.now();
  const reference = selectDqs(ctx);
  const paths: DqsCheckPath[] = [{ path: "1 thread (query worker)", ms: performance.now() - t, samePicks: true, note: "reference" }];
  if (pool) {
    t = performance.now();
    const picks = await selectDqsWith(ctx, poolExecutor(pool));
    paths.push({
      path: `pool of ${pool.length} DTW workers`,
      ms: performance.now() - t,
      samePicks: same(picks, reference),
      note: "used for DQS batches",
    });
  } else paths.push({ path: "pool of DTW workers", ms: null, samePicks: null, note: "workers could not start here" });
  const gpu = await GpuDtw.create({ allowSoftware: true }).catch((e: unknown) => ({ ok: false as const, reason: String(e) }));
  if (!("load" in gpu)) {
    paths.push({ path: "WebGPU rows", ms: null, samePicks: null, note: gpu.reason });
    return { paths, gpu: null };
  }
  const series = candidates.map((c) => c.scores);
  gpu.load(series);
  const row = await gpu.row(0, series.length);
  let maxRelativeError = 0;
  for (let c = 1; c < series.length; c++) {
    const exact = dtwDistance(series[0]!, series[c]!);
    if (exact > 0) maxRelativeError = Math.max(maxRelativeError, Math.abs(row[c]! - exact) / exact);
  }
  let inner = inlineExecutor([]);
  const cpu = {
    roundSize: 1,
    run: (r: Parameters<typeof inner.run>[0]) => inner.run(r),
    load: (s: readonly Float32Array[]) => void (inner = inlineExecutor(s)),
  };
  t = performance.now();
  const picks = await selectDqsWith(ctx, withGpuRows(cpu, gpu));
  const ms = performance.now() - t;
  const used = gpu.adapter.software
    ? "not used for batches: a software adapter is slower than the CPU pool"
    : `used for batches of ${usesGpuFrom}+ candidates`;
  paths.push({ path: `WebGPU rows (${gpu.adapter.description})`, ms, samePicks: same(picks, reference), note: used });
  gpu.destroy();
  return {
    paths,
    gpu: {
      adapter: gpu.adapter.description,
      software: gpu.adapter.software,
      maxRelativeError,
      bound: gpuRelativeError(args.length, args.length),
    },
  };
}

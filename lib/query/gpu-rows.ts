/**
 * DQS with a GPU: whole rows of DTW distances estimated on WebGPU (lib/dtw/webgpu.ts) become tight
 * lower and upper bounds in the pair table, so the pruned steps compute exactly (on the CPU
 * executor underneath: inline or a pool) only the few candidates the estimates cannot separate.
 * The picks are those of the CPU-only DQS: the estimates only prune.
 */
import { gpuRelativeError, type GpuDtw } from "../dtw/webgpu";
import type { PairExecutor, RowEstimates } from "./pair-work";

type Loadable = PairExecutor & { load?(series: readonly Float32Array[], poolSize: number): void | Promise<void> };

export function withGpuRows(cpu: Loadable, gpu: GpuDtw): Loadable {
  let poolSize = 0;
  let lengths: number[] = [];
  let longest = 1;
  return {
    roundSize: cpu.roundSize,
    run: (requests) => cpu.run(requests),
    async load(series, size) {
      poolSize = size;
      lengths = series.map((s) => s.length);
      longest = lengths.slice(0, size).reduce((m, n) => Math.max(m, n), 1);
      gpu.load(series);
      await cpu.load?.(series, size);
    },
    async estimateRows(ids): Promise<RowEstimates> {
      const rows = await gpu.rows(ids, poolSize);
      return { rows, relativeError: ids.map((id) => gpuRelativeError(lengths[id]!, longest)) };
    },
  };
}

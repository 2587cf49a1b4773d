/**
 * Benchmark of the threshold refinement: the exact sweep over decision points against the
 * reference's 10,001-percentile grid, on seeded synthetic candidates of 2,000 steps.
 *
 *   npx tsx -e "import('./scripts/bench/threshold.ts').then(m => m.run({ quick: false }))"
 *
 * The exact method is timed as the median of many runs after a warm-up; the grid (seconds per
 * run at 1,000 candidates) as the median of a few. Goal: ≥ 100× faster than the grid and under
 * 16 ms (one frame) at 1,000 labelled candidates.
 */
import { createRng } from "../../lib/rng";
import { percentileGridThreshold, refineThreshold, syntheticCandidates, type LabelledCandidate } from "../../lib/threshold";

const SIZES = [10, 100, 1000] as const;
const LENGTH = 2000;
const GOAL_SPEEDUP = 100;
const GOAL_MS = 16;

type Row = { size: number; exactMs: number; gridMs: number; exactF1: number; gridF1: number };

export async function run(opts: { quick: boolean }): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    rows.push(measure(size, opts.quick));
    await Promise.resolve(); // let other work in the event loop breathe between sizes
  }
  console.log(formatTable(rows));
  const last = rows[rows.length - 1];
  if (last) console.log(goalLine(last));
}

function candidatesOf(size: number): LabelledCandidate[] {
  const rng = createRng(1000 + size);
  return syntheticCandidates(rng, { count: size, minLength: LENGTH, maxLength: LENGTH, spikeRate: 0.001 });
}

function measure(size: number, quick: boolean): Row {
  const candidates = candidatesOf(size);
  const exactReps = quick ? 7 : 31;
  const gridReps = quick || size >= 1000 ? 1 : 3;
  const exact = timeMedian(() => refineThreshold(candidates, { samplingRate: 2 }), exactReps, 3);
  const grid = timeMedian(() => percentileGridThreshold(candidates, { samplingRate: 2 }), gridReps, 0);
  return {
    size,
    exactMs: exact.ms,
    gridMs: grid.ms,
    exactF1: exact.result?.f1 ?? Number.NaN,
    gridF1: grid.result?.f1 ?? Number.NaN,
  };
}

function timeMedian<T>(f: () => T, reps: number, warmups: number): { ms: number; result: T } {
  let result = f();
  for (let i = 1; i < warmups; i++) result = f();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    result = f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? Number.NaN, result };
}

function formatTable(rows: Row[]): string {
  const header = ["candidates", "exact ms", "grid ms", "speed-up", "same F1", "F1 exact", "F1 grid"];
  const body = rows.map((r) => [
    r.size.toLocaleString("en-US"),
    r.exactMs.toFixed(3),
    r.gridMs.toFixed(1),
    `${Math.round(r.gridMs / r.exactMs).toLocaleString("en-US")}×`,
    r.exactF1 === r.gridF1 ? "yes" : r.exactF1 > r.gridF1 ? "no (exact higher)" : "NO (grid higher)",
    r.exactF1.toFixed(4),
    r.gridF1.toFixed(4),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((cells) => (cells[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c] ?? 0)).join("  ");
  const title = `threshold refinement: exact sweep vs 10,001-percentile grid (series of ${LENGTH.toLocaleString("en-US")} steps)`;
  return [title, line(header), ...body.map(line)].join("\n");
}

function goalLine(r: Row): string {
  const speedup = r.gridMs / r.exactMs;
  const ok = speedup >= GOAL_SPEEDUP && r.exactMs < GOAL_MS;
  return (
    `goal at ${r.size.toLocaleString("en-US")} candidates (≥ ${GOAL_SPEEDUP}× and < ${GOAL_MS} ms): ` +
    `${ok ? "met" : "NOT met"} (${Math.round(speedup)}×, ${r.exactMs.toFixed(2)} ms)`
  );
}

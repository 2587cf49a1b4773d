/**
 * Benchmark of the detectors on each TensorFlow.js backend Node offers (cpu, wasm): milliseconds
 * per training step (median after warm-ups, measured between batches of a real `train` call —
 * gather, forward, backward, AMSGrad update) and windows scored per second (`score` on one
 * sequence, shift 1, 256 windows per predict call). Same seeded demo data for every row: 8
 * channels, window 32, batch 32, z-scored.
 *
 *   npx tsx -e "import('./scripts/bench/detectors.ts').then(m => m.run({ quick: false }))"
 *
 * TeVAE at the reference size (docs/algorithms.md §3) (h = 16·features = 128, ≈ 2.4 M weights) needs tens of seconds per
 * step on these CPU backends, so it runs on wasm only and only without `quick`; the side-by-side rows
 * use h = 32 (4·features).
 *
 * Every row is measured twice in the same run — with the op-by-op LSTM (the baseline) and with the
 * fused LSTM layer (lstm.ts, fused-lstm.ts) — and the table prints both side by side.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { type DetectorKind } from "../../lib/detectors";
import { benchCases, benchmarkData, formatLstmComparison, measureDetector, type BenchRow } from "../../lib/detectors/benchmark";
import type { LstmImplementation } from "../../lib/detectors/lstm";
import type { SeriesColumns } from "../../lib/series/types";

const FEATURES = 8;
const WINDOW = 32;
const BATCH = 32;

type Case = { kind: DetectorKind; hidden: number; backends: readonly string[]; fullOnly?: boolean };
/** The registry's rows; the full-size ones (tens of seconds per step) on wasm only. */
const CASES: readonly Case[] = benchCases(FEATURES, true).map((c) => ({
  kind: c.kind,
  hidden: c.hidden ?? 0,
  backends: c.fullOnly ? ["wasm"] : ["cpu", "wasm"],
  fullOnly: c.fullOnly,
}));

type Row = BenchRow;
type Plan = { warmups: number; reps: number; scoredWindows: number };

export async function run(opts: { quick: boolean }): Promise<void> {
  const data = benchmarkData(FEATURES);
  const rows: Row[] = [];
  for (const backend of ["cpu", "wasm"]) {
    if (!(await selectBackend(backend))) {
      console.log(`backend ${backend}: not available, skipped`);
      continue;
    }
    for (const c of CASES.filter((k) => k.backends.includes(backend) && !(opts.quick && k.fullOnly))) {
      const big = c.hidden > 4 * FEATURES;
      const plan: Plan = opts.quick || big ? { warmups: 1, reps: 3, scoredWindows: 256 } : { warmups: 2, reps: 7, scoredWindows: 1024 };
      for (const lstm of ["ops", "fused"] as const) rows.push(await measure(backend, c, lstm, plan, data));
    }
  }
  console.log(formatTable(rows));
}

async function selectBackend(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function measure(backend: string, c: Case, lstm: LstmImplementation, plan: Plan, data: SeriesColumns[]): Promise<Row> {
  const row = await measureDetector(
    backend,
    { kind: c.kind, hidden: c.hidden, lstm },
    { ...plan, windowSize: WINDOW, batchSize: BATCH },
    data,
  );
  console.log(
    `  ${backend} ${c.kind} h=${c.hidden} ${lstm}: ${row.stepMs.toFixed(0)} ms/step, ${row.windowsPerSecond.toFixed(0)} windows/s`,
  );
  return row;
}

function formatTable(rows: Row[]): string {
  return formatLstmComparison(
    rows,
    `detectors: ${FEATURES} channels, window ${WINDOW}, batch ${BATCH} (median ms per training step; scoring with shift 1); LSTM op by op vs fused`,
  );
}

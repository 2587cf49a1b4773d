/**
 * Benchmark of the detectors on each TensorFlow.js backend Node offers (cpu, wasm): milliseconds
 * per training step (median after warm-ups, measured between batches of a real `train` call —
 * gather, forward, backward, AMSGrad update) and windows scored per second (`score` on one
 * sequence, shift 1, 256 windows per predict call). Same seeded demo data for every row: 8
 * channels, window 32, batch 32, z-scored.
 *
 *   npx tsx -e "import('./scripts/bench/detectors.ts').then(m => m.run({ quick: false }))"
 *
 * TeVAE at the DESIGN.md size (h = 16·features = 128, ≈ 2.4 M weights) needs tens of seconds per
 * step on these CPU backends, so it runs on wasm only and only without `quick`; the side-by-side rows
 * use h = 32 (4·features).
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { generatePathDataset } from "../../lib/demo/path-dataset";
import { createDetector, type DetectorKind, type DetectorOptions } from "../../lib/detectors";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../../lib/preprocess";
import type { SeriesColumns } from "../../lib/series";

const FEATURES = 8;
const WINDOW = 32;
const BATCH = 32;

type Case = { kind: DetectorKind; hidden: number; backends: readonly string[]; fullOnly?: boolean };
const CASES: readonly Case[] = [
  { kind: "lstm-ae", hidden: 8 * FEATURES, backends: ["cpu", "wasm"] },
  { kind: "tevae", hidden: 4 * FEATURES, backends: ["cpu", "wasm"] },
  { kind: "tevae", hidden: 16 * FEATURES, backends: ["wasm"], fullOnly: true },
];

type Row = { backend: string; kind: DetectorKind; hidden: number; params: number; stepMs: number; windowsPerSecond: number };
type Plan = { warmups: number; reps: number; scoredWindows: number };

export async function run(opts: { quick: boolean }): Promise<void> {
  const data = demoData();
  const rows: Row[] = [];
  for (const backend of ["cpu", "wasm"]) {
    if (!(await selectBackend(backend))) {
      console.log(`backend ${backend}: not available, skipped`);
      continue;
    }
    for (const c of CASES.filter((k) => k.backends.includes(backend) && !(opts.quick && k.fullOnly))) {
      const big = c.hidden > 4 * FEATURES;
      const plan: Plan = opts.quick || big ? { warmups: 1, reps: 3, scoredWindows: 256 } : { warmups: 2, reps: 7, scoredWindows: 1024 };
      rows.push(await measure(backend, c, plan, data));
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

function demoData(): SeriesColumns[] {
  const dataset = generatePathDataset({ seed: 11, sequences: 8, minLength: 1200, maxLength: 1200, anomalyFraction: 0 });
  const raw = dataset.sequences.map((s) => s.columns.slice(0, FEATURES));
  const stats = createChannelStats(FEATURES);
  for (const columns of raw) updateChannelStats(stats, columns);
  const summary = finishChannelStats(stats);
  return raw.map((columns) => zscore(columns, summary));
}

async function measure(backend: string, c: Case, plan: Plan, data: SeriesColumns[]): Promise<Row> {
  const options: DetectorOptions[DetectorKind] = { features: FEATURES, windowSize: WINDOW, hidden: c.hidden, seed: 1 };
  const detector = createDetector(c.kind, options);
  const stamps: number[] = [];
  await detector.train(
    { train: data.slice(0, 7), validation: [] },
    { epochs: 1, batchSize: BATCH, seed: 1, patience: Number.POSITIVE_INFINITY, maxTrainWindows: BATCH * (plan.warmups + plan.reps), onBatch: () => stamps.push(performance.now()) },
  );
  const steps = stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)).slice(plan.warmups - 1);
  const sequence = (data[7] ?? []).map((column) => column.slice(0, plan.scoredWindows + WINDOW - 1));
  const started = performance.now();
  await detector.score(sequence);
  const seconds = (performance.now() - started) / 1000;
  const row = { backend, kind: c.kind, hidden: c.hidden, params: detector.parameterCount, stepMs: median(steps), windowsPerSecond: plan.scoredWindows / seconds };
  detector.dispose();
  console.log(`  ${backend} ${c.kind} h=${c.hidden}: ${row.stepMs.toFixed(0)} ms/step, ${row.windowsPerSecond.toFixed(0)} windows/s`);
  return row;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function formatTable(rows: Row[]): string {
  const baseline = (backend: string) => rows.find((r) => r.backend === backend && r.kind === "lstm-ae")?.stepMs;
  const header = ["backend", "detector", "hidden", "weights", "ms/train step", "windows/s scored", "step vs lstm-ae"];
  const body = rows.map((r) => [
    r.backend,
    r.kind,
    String(r.hidden),
    r.params.toLocaleString("en-US"),
    r.stepMs.toFixed(0),
    r.windowsPerSecond.toFixed(0),
    `${(r.stepMs / (baseline(r.backend) ?? Number.NaN)).toFixed(1)}×`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((cells) => (cells[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  const title = `detectors: ${FEATURES} channels, window ${WINDOW}, batch ${BATCH} (median ms per training step; scoring with shift 1)`;
  return [title, line(header), ...body.map(line)].join("\n");
}

/**
 * The app's WebGPU paths on a real GPU, outside a browser: Dawn's Node bindings (npm `webgpu`, not a
 * dependency of the app) provide `navigator.gpu`, and the same lib/ code the browser runs is measured
 * side by side with its CPU baseline in the same run:
 * - DQS's DTW rows (lib/dtw/webgpu.ts) against the exact CPU DTW (lib/dtw), for pools of segments;
 *   every GPU distance is checked against the CPU's within `gpuRelativeError`;
 * - whole DQS batches with those rows as bounds (as the query worker runs them) against DQS on one
 *   CPU thread: time, and whether the picks are the same;
 * - the detectors' training steps and scoring (lib/detectors/benchmark.ts) on tfjs's webgpu backend,
 *   with the op-by-op LSTM and with the fused WGSL layer (fused-lstm-webgpu.ts), against its wasm
 *   backend with the fused layer (what the app uses where WebGPU is only a software adapter).
 *
 * For a machine with a GPU and no Node toolchain: bundle it here, carry the bundle, the wasm files,
 * a Node binary and the bindings there.
 *
 *   bash scripts/bench/gpu-node-bundle.sh                       # writes .devbench/gpu-node.mjs
 *   node .devbench/gpu-node.mjs --webgpu PATH/TO/webgpu/index.js --wasm public/tfjs/ [--quick] [--no-detectors] [--no-dtw] [--profile]
 *
 * Before the detectors are timed, the fused WGSL layer is checked against the op-by-op LSTM on the
 * adapter (lib/detectors/lstm-check.ts, as the browser's bench page does): outputs, every gradient,
 * and a small TeVAE's training losses.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import path from "node:path";
import { installDawn } from "./dawn";
import { run as dqsWithGpu } from "./dqs-gpu-page";
import {
  GPU_LSTM_VARIANTS,
  benchCases,
  benchmarkData,
  formatVariantTable,
  measureDetector,
  type BenchCase,
  type BenchRow,
} from "../../lib/detectors/benchmark";
import { FUSED_TOLERANCE, LAYER_CASES, QUICK_LAYER_CASES, checkLayer, checkTeVaeTraining } from "../../lib/detectors/lstm-check";
import { dtwDistance } from "../../lib/dtw/dtw";
import { GpuDtw, gpuRelativeError } from "../../lib/dtw/webgpu";
import { selectDqs } from "../../lib/query/dqs";
import { syntheticScores } from "../../lib/query/synthetic-scores";
import { createRng } from "../../lib/rng";

type Args = { webgpu: string; wasm: string; quick: boolean; detectors: boolean; dtw: boolean; profile: boolean };

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const webgpu = value("--webgpu");
  if (!webgpu) throw new Error("--webgpu PATH (the index.js of npm's `webgpu` package) is required");
  return {
    webgpu: path.resolve(webgpu),
    wasm: value("--wasm") ?? "public/tfjs/",
    quick: argv.includes("--quick"),
    detectors: !argv.includes("--no-detectors"),
    dtw: !argv.includes("--no-dtw"),
    profile: argv.includes("--profile"),
  };
}

/** Random walks, the shape of anomaly-score segments; lengths vary by ±10 %. */
function walks(count: number, length: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  const rand = () => rng.next();
  return Array.from({ length: count }, () => {
    const n = Math.round(length * (0.9 + 0.2 * rand()));
    const s = new Float32Array(n);
    for (let i = 1; i < n; i++) s[i] = (s[i - 1] ?? 0) + rand() - 0.5;
    return s;
  });
}

type DtwRow = {
  series: number;
  length: number;
  anchors: number;
  oneMsPerRow: number;
  batchMsPerRow: number;
  cpuMsPerRow: number;
  maxRelError: number;
  bound: number;
};

async function measureDtw(gpu: GpuDtw, count: number, length: number, anchors: number): Promise<DtwRow> {
  const series = walks(count, length, count * 7919 + length);
  const ids = Array.from({ length: anchors }, (_, a) => a);
  gpu.load(series);
  await gpu.rows(ids, count); // warm-up: pipeline and buffers
  // One anchor per dispatch (as DQS asked before rows were batched), then every anchor in one go.
  let started = performance.now();
  for (const a of ids) await gpu.row(a, count);
  const oneMs = (performance.now() - started) / anchors;
  started = performance.now();
  const rows = await gpu.rows(ids, count);
  const batchMs = (performance.now() - started) / anchors;
  // The CPU baseline on the same pairs (one anchor is enough for its time; every anchor for the error).
  let maxRelError = 0;
  let cpuMs = 0;
  for (const a of ids) {
    const t = performance.now();
    const exact = series.map((s) => dtwDistance(series[a]!, s));
    if (a === 0) cpuMs = performance.now() - t;
    exact.forEach((d, j) => {
      const g = rows[a]![j]!;
      if (d > 0) maxRelError = Math.max(maxRelError, Math.abs(g - d) / d);
    });
  }
  const longest = series.reduce((m, s) => Math.max(m, s.length), 0);
  return {
    series: count,
    length,
    anchors,
    oneMsPerRow: oneMs,
    batchMsPerRow: batchMs,
    cpuMsPerRow: cpuMs,
    maxRelError,
    bound: gpuRelativeError(longest, longest),
  };
}

function formatDtw(rows: DtwRow[]): string {
  const header = [
    "series",
    "steps",
    "anchors",
    "CPU ms/row",
    "GPU ms/row, one",
    "GPU ms/row, batched",
    "vs CPU",
    "GPU cells/s",
    "max rel. error",
    "bound",
  ];
  const body = rows.map((r) => {
    const cells = r.series * r.length * r.length;
    return [
      String(r.series),
      String(r.length),
      String(r.anchors),
      r.cpuMsPerRow.toFixed(1),
      r.oneMsPerRow.toFixed(1),
      r.batchMsPerRow.toFixed(2),
      `${(r.cpuMsPerRow / r.batchMsPerRow).toFixed(0)}×`,
      `${(cells / (r.batchMsPerRow / 1000) / 1e9).toFixed(2)} G`,
      r.maxRelError.toExponential(1),
      r.bound.toExponential(1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [header, ...body].map((line) => line.map((c, i) => c.padStart(widths[i]!)).join("  ")).join("\n");
}

/** One DQS batch on one CPU thread and with GPU rows (dqs-gpu-page.ts, which brings its own device). */
async function measureDqs(n: number): Promise<string> {
  const [length, budget, seed] = [512, 10, 7];
  const pool = syntheticScores(n, length, seed);
  const started = performance.now();
  const cpu = selectDqs({ candidates: pool, queried: [], budget, seed });
  const cpuSeconds = (performance.now() - started) / 1000;
  const gpu = await dqsWithGpu({ n, length, budget, seed, rowOnly: false });
  if (!gpu.ok) return `  N=${n}: CPU ${cpuSeconds.toFixed(2)} s; GPU: ${gpu.reason}`;
  const same = JSON.stringify(cpu.map((p) => `${p.key}|${p.reason}`)) === JSON.stringify(gpu.picks);
  const speedUp = cpuSeconds / (gpu.seconds ?? Number.NaN);
  return `  N=${n}: one CPU thread ${cpuSeconds.toFixed(2)} s, with GPU rows ${gpu.seconds?.toFixed(2)} s (${speedUp.toFixed(1)}×; ${gpu.rows} rows, ${gpu.stats?.dtwCalls} exact DTW calls); same picks: ${same ? "yes" : "NO"}`;
}

/** The fused WGSL layer against the op-by-op LSTM on the current (webgpu) backend: one line per shape. */
async function checkFused(quick: boolean): Promise<string> {
  const lines = [`fused LSTM vs op by op on webgpu (tolerance ${FUSED_TOLERANCE.toExponential(0)}; relative errors)`];
  let worst = 0;
  for (const c of quick ? QUICK_LAYER_CASES : LAYER_CASES) {
    const r = await checkLayer(c);
    worst = Math.max(worst, r.valueError, r.gradError);
    lines.push(
      `  batch ${c.batch} steps ${c.steps} width ${c.width} units ${c.units}${c.reverse ? " reverse" : ""}: output ${r.valueError.toExponential(1)}, ${r.gradients} gradients ${r.gradError.toExponential(1)}`,
    );
  }
  const training = await checkTeVaeTraining();
  worst = Math.max(worst, training.maxRelError);
  lines.push(
    `  TeVAE training losses, op by op ${training.ops.map((v) => v.toFixed(5)).join(", ")}; fused ${training.fused.map((v) => v.toFixed(5)).join(", ")}`,
  );
  lines.push(`  worst ${worst.toExponential(1)}: ${worst <= FUSED_TOLERANCE ? "PASS" : "FAIL"}`);
  return lines.join("\n");
}

/**
 * Where a fused TeVAE training step's time goes on webgpu: how many kernels one step dispatches (by
 * name), and the step time under tfjs-backend-webgpu's submit batching and CPU-forwarding flags.
 */
async function profileStep(): Promise<string> {
  const data = benchmarkData(8);
  const plan = { warmups: 2, reps: 4, scoredWindows: 256, windowSize: 32, batchSize: 32 };
  const lines = ["fused TeVAE training step on webgpu: kernels and flags"];
  for (const hidden of [32, 128]) {
    const c: BenchCase = { kind: "tevae", hidden, lstm: "fused" };
    const one = { ...plan, warmups: 0, reps: 1, scoredWindows: 32 };
    const info = await tf.profile(async () => {
      await measureDetector("webgpu", c, one, data);
      return tf.scalar(0);
    });
    const counts = new Map<string, number>();
    for (const k of info.kernels) counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
    lines.push(
      `  h=${hidden}: ${info.kernels.length} kernels for one step + build + scoring 32 windows; top: ${top.map(([n, k]) => `${n} ${k}`).join(", ")}`,
    );
    const flagSets: [string, Record<string, number | boolean>][] = [
      ["defaults", {}],
      ["submit batch 128", { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 128 }],
      ["submit batch 1024", { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 1024 }],
      ["no CPU forward", { WEBGPU_CPU_FORWARD: false }],
    ];
    const saved = {
      WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: tf.env().get("WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE"),
      WEBGPU_CPU_FORWARD: tf.env().get("WEBGPU_CPU_FORWARD"),
    };
    for (const [label, flags] of flagSets) {
      for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
      const row = await measureDetector("webgpu", c, plan, data);
      lines.push(`  h=${hidden} ${label}: ${row.stepMs.toFixed(0)} ms/step, ${row.windowsPerSecond.toFixed(0)} windows/s`);
      for (const [k, v] of Object.entries(saved)) tf.env().set(k, v);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await installDawn(args.webgpu);
  const gpu = args.dtw ? await GpuDtw.create({ allowSoftware: true }) : { reason: "skipped (--no-dtw)" };
  if ("reason" in gpu) {
    // Still measure the wasm rows below: they show the bundle and the baseline work here.
    console.log(`no WebGPU: ${gpu.reason}`);
  } else {
    console.log(`adapter: ${gpu.adapter.description}${gpu.adapter.software ? " (software)" : ""}`);
    const sizes: [number, number][] = args.quick
      ? [[256, 336]]
      : [
          [256, 336],
          [1024, 336],
          [256, 1000],
          [1024, 1000],
        ];
    const dtw: DtwRow[] = [];
    for (const [count, length] of sizes) {
      dtw.push(await measureDtw(gpu, count, length, args.quick ? 2 : 8));
      console.log(`  dtw ${count} × ${length}: done`);
    }
    gpu.destroy();
    console.log(`\nDQS's DTW rows (one series against the pool; CPU = lib/dtw exact, one thread)\n${formatDtw(dtw)}`);
    console.log(`\nDQS batches of 10 from synthetic score series of 512 steps (as \`npm run bench dqs\`)`);
    for (const n of args.quick ? [1000] : [1000, 10000]) console.log(await measureDqs(n));
  }

  if (!args.detectors) return;
  // The webgpu backend registers itself on import only where navigator.gpu exists: import it now.
  await import("@tensorflow/tfjs-backend-webgpu");
  setWasmPaths(args.wasm.endsWith("/") ? args.wasm : `${args.wasm}/`);
  if (await tf.setBackend("webgpu").catch(() => false)) {
    if (args.profile) {
      console.log(`\n${await profileStep()}`);
      return;
    }
    console.log(`\n${await checkFused(args.quick)}`);
  }
  const data = benchmarkData(8);
  const cases: BenchCase[] = benchCases(8, !args.quick);
  const rows: BenchRow[] = [];
  // WebGPU with the op-by-op LSTM and with the fused WGSL layer; wasm with its fused layer (its default).
  for (const { backend, lstm } of [{ backend: "webgpu", lstm: "ops" as const }, ...GPU_LSTM_VARIANTS.filter((v) => v.lstm === "fused")]) {
    const ok = await tf.setBackend(backend).catch((error: unknown) => (console.log(`backend ${backend}: ${String(error)}`), false));
    if (!ok || tf.getBackend() !== backend) {
      console.log(`backend ${backend}: not available, skipped`);
      continue;
    }
    for (const c of cases) {
      const big = (c.hidden ?? 0) > 32;
      const plan = { warmups: 2, reps: big ? 4 : 8, scoredWindows: big ? 512 : 2048, windowSize: 32, batchSize: 32 };
      const row = await measureDetector(backend, { ...c, lstm }, plan, data);
      console.log(
        `  ${backend} ${lstm} ${c.kind} h=${c.hidden}: ${row.stepMs.toFixed(0)} ms/step, ${row.windowsPerSecond.toFixed(0)} windows/s`,
      );
      rows.push(row);
    }
  }
  console.log(
    `\n${formatVariantTable(rows, "detectors on tfjs: 8 channels, window 32, batch 32 (median ms per training step; scoring with shift 1); LSTM op by op vs fused")}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * One benchmark measurement of a detector on the current tfjs backend, shared by the Node bench and
 * the browser bench worker: ms per training step (median, measured between batches of a real
 * `train` call after warm-ups) and windows scored per second (`score`, shift 1). Pure: the caller
 * picks the backend and supplies z-scored data. A case may force the LSTM implementation ("ops", the
 * op-by-op baseline, or "fused"); otherwise lstm.ts picks by backend, and the row says which ran.
 */
import { generatePathDataset } from "../demo/path-dataset";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../preprocess";
import type { SeriesColumns } from "../series/types";
import { createDetector } from "./index";
import { lstmImplementation, setLstmImplementation, type LstmImplementation } from "./lstm";
import { DETECTOR_KINDS, detectorSpec } from "./registry";
import type { DetectorKind } from "./types";

/** `hidden`/`latent` undefined: the detector's defaults (the run form's probe passes what the form says). */
export type BenchCase = { kind: DetectorKind; hidden?: number; latent?: number; lstm?: LstmImplementation };
export type BenchPlan = { warmups: number; reps: number; scoredWindows: number; windowSize: number; batchSize: number };
export type BenchRow = BenchCase & { backend: string; lstm: LstmImplementation; params: number; stepMs: number; windowsPerSecond: number };

/** The same seeded demo data for every benchmark row: 8 drives of 1,200 steps, 8 channels, z-scored. */
export function benchmarkData(features = 8): SeriesColumns[] {
  const dataset = generatePathDataset({ seed: 11, sequences: 8, minLength: 1200, maxLength: 1200, anomalyFraction: 0 });
  const raw = dataset.sequences.map((s) => s.columns.slice(0, features));
  const stats = createChannelStats(features);
  for (const columns of raw) updateChannelStats(stats, columns);
  const summary = finishChannelStats(stats);
  return raw.map((columns) => zscore(columns, summary));
}

/** The registry's benchmark rows (`bench`), for `features` channels; `full` keeps the rows quick runs skip. */
export function benchCases(features: number, full: boolean): (BenchCase & { fullOnly: boolean })[] {
  return DETECTOR_KINDS.flatMap((kind) =>
    detectorSpec(kind)
      .bench.filter((b) => full || !b.fullOnly)
      .map((b) => ({ kind, hidden: b.hiddenPerFeature * features, fullOnly: b.fullOnly ?? false })),
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `data`: at least two z-scored sequences; the last one is scored, the others train. */
export async function measureDetector(backend: string, c: BenchCase, plan: BenchPlan, data: SeriesColumns[]): Promise<BenchRow> {
  const features = data[0]?.length ?? 0;
  setLstmImplementation(c.lstm ?? "auto");
  const lstm = lstmImplementation();
  const detector = createDetector(c.kind, { features, windowSize: plan.windowSize, hidden: c.hidden, latent: c.latent, seed: 1 });
  const stamps: number[] = [];
  try {
    await detector.train(
      { train: data.slice(0, -1), validation: [] },
      {
        epochs: 1,
        batchSize: plan.batchSize,
        seed: 1,
        patience: Number.POSITIVE_INFINITY,
        maxTrainWindows: plan.batchSize * (plan.warmups + plan.reps),
        onBatch: () => stamps.push(performance.now()),
      },
    );
    const steps = stamps
      .slice(1)
      .map((t, i) => t - (stamps[i] ?? t))
      .slice(Math.max(0, plan.warmups - 1));
    const sequence = (data.at(-1) ?? []).map((column) => column.slice(0, plan.scoredWindows + plan.windowSize - 1));
    const started = performance.now();
    await detector.score(sequence);
    const seconds = (performance.now() - started) / 1000;
    return { ...c, backend, lstm, params: detector.parameterCount, stepMs: median(steps), windowsPerSecond: plan.scoredWindows / seconds };
  } finally {
    detector.dispose();
    setLstmImplementation("auto");
  }
}

/** An aligned plain-text table, each row's step time also relative to the LSTM-AE on its backend. */
export function formatBenchTable(rows: BenchRow[], title: string): string {
  const baseline = (r: BenchRow) => rows.find((b) => b.backend === r.backend && b.lstm === r.lstm && b.kind === "lstm-ae")?.stepMs;
  const header = ["backend", "detector", "lstm", "hidden", "weights", "ms/train step", "windows/s scored", "step vs lstm-ae"];
  const body = rows.map((r) => [
    r.backend,
    r.kind,
    r.lstm,
    String(r.hidden ?? "default"),
    r.params.toLocaleString("en-US"),
    r.stepMs.toFixed(0),
    r.windowsPerSecond.toFixed(0),
    `${(r.stepMs / (baseline(r) ?? Number.NaN)).toFixed(1)}×`,
  ]);
  return alignedTable(title, header, body, 3);
}

/**
 * The op-by-op LSTM (before) and the fused one (after) side by side: one line per backend, detector
 * and size, from rows measured with `lstm: "ops"` and `lstm: "fused"`.
 */
export function formatLstmComparison(rows: BenchRow[], title: string): string {
  const header = [
    "backend",
    "detector",
    "hidden",
    "weights",
    "ms/step op-by-op",
    "ms/step fused",
    "step speed-up",
    "win/s op-by-op",
    "win/s fused",
  ];
  const fusedRows = rows.filter((r) => r.lstm === "fused");
  const body = fusedRows.map((f) => {
    const old = rows.find((r) => r.lstm === "ops" && r.backend === f.backend && r.kind === f.kind && r.hidden === f.hidden);
    const fixed = (v: number | undefined) => (v === undefined ? "–" : v.toFixed(0));
    return [
      f.backend,
      f.kind,
      String(f.hidden ?? "default"),
      f.params.toLocaleString("en-US"),
      fixed(old?.stepMs),
      fixed(f.stepMs),
      old ? `${(old.stepMs / f.stepMs).toFixed(1)}×` : "–",
      fixed(old?.windowsPerSecond),
      fixed(f.windowsPerSecond),
    ];
  });
  return alignedTable(title, header, body, 2);
}

/**
 * The GPU benchmark's LSTM comparison: TeVAE's training step with the op-by-op LSTM and the fused
 * WGSL one on WebGPU, beside the fused layer on wasm (what a machine without a GPU uses). Quick: a
 * small TeVAE, for a software adapter; full: the run form's size (h = 4·F) and the design's (16·F).
 */
export function gpuLstmBench(quick: boolean, features = 8): { cases: BenchCase[]; plan: BenchPlan } {
  return quick
    ? { cases: [{ kind: "tevae", hidden: features }], plan: { warmups: 1, reps: 2, scoredWindows: 64, windowSize: 16, batchSize: 16 } }
    : {
        cases: [
          { kind: "tevae", hidden: 4 * features },
          { kind: "tevae", hidden: 16 * features },
        ],
        plan: { warmups: 2, reps: 5, scoredWindows: 512, windowSize: 32, batchSize: 32 },
      };
}

/** The variants of `gpuLstmBench`, in the order they run: backend and LSTM implementation. */
export const GPU_LSTM_VARIANTS = [
  { backend: "webgpu", lstm: "ops" },
  { backend: "webgpu", lstm: "fused" },
  { backend: "wasm", lstm: "fused" },
] as const;

/**
 * One line per detector and size, a column per backend and LSTM implementation (ms per training
 * step, then windows scored per second), and the fused layer's speed-up over op by op per backend.
 */
export function formatVariantTable(rows: BenchRow[], title: string): string {
  const variants = [...new Set(rows.map((r) => `${r.backend} ${r.lstm}`))];
  const sizes = [...new Set(rows.map((r) => `${r.kind}|${r.hidden ?? "default"}`))];
  const backendsWithBoth = [...new Set(rows.map((r) => r.backend))].filter((b) =>
    (["ops", "fused"] as const).every((l) => variants.includes(`${b} ${l}`)),
  );
  const header = [
    "detector",
    "hidden",
    "weights",
    ...variants.map((v) => `${v} ms/step`),
    ...backendsWithBoth.map((b) => `${b} fused speed-up`),
    ...variants.map((v) => `${v} win/s`),
  ];
  const body = sizes.map((size) => {
    const [kind, hidden] = size.split("|");
    const here = rows.filter((r) => r.kind === kind && String(r.hidden ?? "default") === hidden);
    const find = (v: string) => here.find((r) => `${r.backend} ${r.lstm}` === v);
    const fixed = (v: number | undefined) => (v === undefined ? "–" : v.toFixed(0));
    const speedUp = (b: string) => {
      const [ops, fused] = [find(`${b} ops`), find(`${b} fused`)];
      return ops && fused ? `${(ops.stepMs / fused.stepMs).toFixed(1)}×` : "–";
    };
    return [
      kind ?? "",
      hidden ?? "",
      (here[0]?.params ?? 0).toLocaleString("en-US"),
      ...variants.map((v) => fixed(find(v)?.stepMs)),
      ...backendsWithBoth.map(speedUp),
      ...variants.map((v) => fixed(find(v)?.windowsPerSecond)),
    ];
  });
  return alignedTable(title, header, body, 2);
}

/** Columns left-aligned up to `leftColumns`, right-aligned after. */
function alignedTable(title: string, header: string[], body: string[][], leftColumns: number): string {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((cells) => (cells[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  return [title, line(header), ...body.map(line)].join("\n");
}

/**
 * Writes demo data as CSV files for uploads (e2e fixtures, benchmarks); nothing is committed.
 *
 *   npx tsx scripts/demo-csv.ts OUTDIR [--count N]          one CSV per drive of the PATH demo (seed 1)
 *   npx tsx scripts/demo-csv.ts OUTDIR --big [--mb 200] [--long-steps 1000000]
 *                                                            big.csv: one file with a sequence column,
 *                                                            one long drive and as many 75,000-step
 *                                                            drives as it takes to reach the size
 */
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatePathDataset, sequenceToCsv, type DemoSequence } from "../lib/demo/path-dataset";

export async function writeDemoCsvs(dir: string, count = 80): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const dataset = generatePathDataset({ seed: 1 });
  const files: string[] = [];
  for (let i = 0; i < Math.min(count, dataset.sequences.length); i++) {
    const file = path.join(dir, `${dataset.sequences[i]?.name ?? `drive-${i}`}.csv`);
    await writeFile(file, sequenceToCsv(dataset, i));
    files.push(file);
  }
  return files;
}

/** Four decimals, shortest form (faster than toFixed for millions of cells). */
function cell(value: number): string {
  return String(Math.round(value * 1e4) / 1e4);
}

export type BigCsvOptions = { targetBytes: number; longSteps: number; shortSteps?: number; samplingRate?: number };
export type BigCsvSummary = {
  file: string;
  bytes: number;
  rows: number;
  sequences: { name: string; length: number; anomalous: boolean }[];
};

async function writeSequence(out: NodeJS.WritableStream, name: string, s: DemoSequence, rate: number): Promise<number> {
  let bytes = 0;
  const length = s.labels.length;
  for (let start = 0; start < length; start += 4096) {
    let text = "";
    for (let t = start; t < Math.min(length, start + 4096); t++) {
      text += `${name},${cell(t / rate)}`;
      for (const column of s.columns) text += `,${cell(column[t] ?? 0)}`;
      text += `,${s.labels[t] ?? 0}\n`;
    }
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise((resolve) => out.once("drain", resolve));
  }
  return bytes;
}

export async function writeBigCsv(file: string, opts: BigCsvOptions): Promise<BigCsvSummary> {
  const rate = opts.samplingRate ?? 2;
  const shortSteps = opts.shortSteps ?? 75_000;
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const dataset = generatePathDataset({ seed: 7, sequences: 1, minLength: 2, maxLength: 2 });
  const header = ["sequence", "timestamp", ...dataset.channels, "label"].join(",") + "\n";
  out.write(header);
  let bytes = Buffer.byteLength(header);
  const summary: BigCsvSummary = { file, bytes: 0, rows: 0, sequences: [] };
  for (let k = 0; bytes < opts.targetBytes || k === 0; k++) {
    const steps = k === 0 ? opts.longSteps : shortSteps;
    const [sequence] = generatePathDataset({
      seed: 100 + k,
      sequences: 1,
      minLength: steps,
      maxLength: steps,
      anomalyFraction: k % 3 === 0 ? 1 : 0,
      samplingRate: rate,
    }).sequences;
    if (!sequence) break;
    const name = k === 0 ? "long" : `drive-${String(k).padStart(3, "0")}`;
    bytes += await writeSequence(out, name, sequence, rate);
    summary.rows += steps;
    summary.sequences.push({ name, length: steps, anomalous: sequence.anomaly !== null });
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { ...summary, bytes };
}

async function main(): Promise<void> {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) throw new Error("Usage: tsx scripts/demo-csv.ts OUTDIR [--count N] | [--big [--mb 200] [--long-steps 1000000]]");
  const flag = (name: string, fallback: number) => {
    const i = flags.indexOf(name);
    return i >= 0 ? Number(flags[i + 1]) : fallback;
  };
  if (flags.includes("--big")) {
    const summary = await writeBigCsv(path.join(dir, "big.csv"), {
      targetBytes: flag("--mb", 200) * 1e6,
      longSteps: flag("--long-steps", 1_000_000),
    });
    console.log(JSON.stringify({ ...summary, sequences: summary.sequences.length, longSteps: summary.sequences[0]?.length }));
  } else {
    const files = await writeDemoCsvs(dir, flag("--count", 80));
    console.log(`Wrote ${files.length} CSV files to ${dir}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * Benchmark of the CSV import: the streamed import the upload uses (csv-parse stream → float32
 * columns → one transaction) against a naive one that reads the whole file and parses it at once,
 * on the same big CSV (200 MB; 20 MB with --quick), each in its own process so that peak memory is
 * its own. Both store into a fresh SQLite database through lib/server.
 *
 *   npx tsx --conditions=react-server -e "import('./scripts/bench/import.ts').then(m => m.run({ quick: true }))"
 */
import { execFileSync } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ImportMapping } from "../../lib/validations/dataset-import";
import { writeBigCsv } from "../demo-csv";
import { benchDir, table } from "./bench-db";

const VARIANTS = ["streamed", "naive"] as const;
type Variant = (typeof VARIANTS)[number];
type Result = { variant: Variant; bytes: number; parseS: number; totalS: number; peakRssMb: number; rows: number; error?: string };

const MAPPING: ImportMapping = {
  name: "bench",
  description: "",
  timestampColumn: "timestamp",
  samplingRate: null,
  sequenceColumn: "sequence",
  channels: ["speed", "torque", "current", "voltage", "soc", "battery_temp", "motor_temp", "motor_speed"],
  labelColumn: "label",
  unitColumn: null,
  channelUnits: {},
  targetRate: null,
  split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
  missing: "reject",
};

export async function run(opts: { quick: boolean }): Promise<void> {
  const work = benchDir("import");
  try {
    const csv = path.join(work.dir, "big.csv");
    const mb = opts.quick ? 20 : 200;
    const made = await writeBigCsv(csv, { targetBytes: mb * 1e6, longSteps: opts.quick ? 100_000 : 1_000_000 });
    const results = VARIANTS.map((variant) => child(variant, csv, work.dbUrl(variant)));
    const rows = results.map((r) => [
      r.variant,
      (r.bytes / 1e6).toFixed(1),
      r.error ? "—" : r.parseS.toFixed(1),
      r.error ? "—" : r.totalS.toFixed(1),
      r.error ? "—" : (r.bytes / 1e6 / r.totalS).toFixed(1),
      r.peakRssMb.toFixed(0),
      r.error ?? `${r.rows.toLocaleString("en-US")} rows`,
    ]);
    const title = `CSV import: streamed (upload path) vs whole-file read + parse — ${made.rows.toLocaleString("en-US")} rows × 8 channels, ${made.sequences.length} sequences`;
    console.log(table(title, ["variant", "MB", "parse s", "total s", "MB/s", "peak RSS MB", "result"], rows));
  } finally {
    work.remove();
  }
}

function child(variant: Variant, csv: string, dbUrl: string): Result {
  const self = fileURLToPath(import.meta.url);
  try {
    const out = execFileSync("npx", ["tsx", "--conditions=react-server", self, "--child", variant, csv], {
      env: { ...process.env, DATABASE_URL: dbUrl },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Result;
  } catch (error) {
    return {
      variant,
      bytes: statSync(csv).size,
      parseS: 0,
      totalS: 0,
      peakRssMb: 0,
      rows: 0,
      error: `failed: ${(error as Error).message.split("\n")[0]}`,
    };
  }
}

async function measure(variant: Variant, csv: string): Promise<Result> {
  const { importDataset } = await import("../../lib/server/import");
  const { storeDataset } = await import("../../lib/server/datasets");
  const { createImportSession, prepareImport } = await import("../../lib/import");
  const size = statSync(csv).size;
  const start = performance.now();
  let parsedAt = 0;
  let rows = 0;
  if (variant === "streamed") {
    const result = await importDataset({
      mapping: MAPPING,
      sources: [{ name: "big.csv", size, open: () => createReadStream(csv, { highWaterMark: 1 << 20 }) }],
      createdById: null,
      report: (phase) => {
        if (phase === "preprocess" && parsedAt === 0) parsedAt = performance.now();
      },
    });
    rows = result.rows;
  } else {
    const { parse } = await import("csv-parse/sync");
    const records = parse(await readFile(csv), { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
    const session = createImportSession(MAPPING);
    session.beginFile("big.csv");
    records.forEach((record, i) => session.record(record, i + 1));
    session.endFile();
    const parsed = session.finish();
    parsedAt = performance.now();
    rows = parsed.rows;
    const prepared = prepareImport(parsed, MAPPING);
    await storeDataset({
      name: MAPPING.name,
      samplingRate: prepared.samplingRate,
      channelNames: MAPPING.channels,
      sequences: prepared.sequences,
    });
  }
  const end = performance.now();
  return {
    variant,
    bytes: size,
    parseS: (parsedAt - start) / 1000,
    totalS: (end - start) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
  };
}

const argv = process.argv;
if (argv[1] && import.meta.url === pathToFileURL(path.resolve(argv[1])).href && argv[2] === "--child") {
  measure(argv[3] as Variant, argv[4] ?? "")
    .then((result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

/**
 * Benchmark of the series API's read path (lib/server/series.ts, as the route handler calls it): a
 * full-range request of a 1,000,000-step, 8-channel sequence at 2,000 points per channel (LTTB) and
 * a zoomed-in one, against the naive answer that sends every point — JSON encoding included, since
 * that is what the browser waits for. In a child process on a fresh SQLite database. --quick:
 * 200,000 steps.
 *
 *   npx tsx --conditions=react-server -e "import('./scripts/bench/series.ts').then(m => m.run({ quick: true }))"
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatePathDataset } from "../../lib/demo/path-dataset";
import { benchDir, table } from "./bench-db";

const POINTS = 2000;

type Case = { label: string; from: number; to: number; points: number; runs: number };
type Row = { label: string; medianMs: number; minMs: number; jsonMB: number; runs: number };

export async function run(opts: { quick: boolean }): Promise<void> {
  const steps = opts.quick ? 200_000 : 1_000_000;
  const work = benchDir("series");
  try {
    const out = execFileSync(
      "npx",
      ["tsx", "--conditions=react-server", fileURLToPath(import.meta.url), "--child", String(steps), opts.quick ? "quick" : "full"],
      {
        env: { ...process.env, DATABASE_URL: work.dbUrl("series") },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const rows = JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as Row[];
    const cells = rows.map((r) => [r.label, r.medianMs.toFixed(1), r.minMs.toFixed(1), r.jsonMB.toFixed(2), String(r.runs)]);
    console.log(
      table(
        `series API read path: ${steps.toLocaleString("en-US")} steps × 8 channels (read chunks → LTTB → JSON)`,
        ["request", "median ms", "min ms", "JSON MB", "runs"],
        cells,
      ),
    );
    const [full, , naive] = rows;
    if (full && naive)
      console.log(
        `full range at ${POINTS.toLocaleString("en-US")} points: ${(naive.medianMs / full.medianMs).toFixed(0)}× faster than sending every point`,
      );
  } finally {
    work.remove();
  }
}

async function measure(steps: number, quick: boolean): Promise<Row[]> {
  const { storeDataset } = await import("../../lib/server/datasets");
  const { readSeries } = await import("../../lib/server/series");
  const { db } = await import("../../lib/server/db");
  const demo = generatePathDataset({ seed: 3, sequences: 1, minLength: steps, maxLength: steps, anomalyFraction: 1 });
  const [sequence] = demo.sequences;
  if (!sequence) throw new Error("no sequence generated");
  await storeDataset({
    name: "bench",
    samplingRate: demo.samplingRate,
    channelNames: demo.channels,
    sequences: [{ ...sequence, split: "train" }],
  });
  const { id } = await db.sequence.findFirstOrThrow({ select: { id: true } });
  const admin = { id: "bench", role: "admin" as const };
  const n = quick ? 9 : 15;
  const cases: Case[] = [
    { label: `full range, ${POINTS.toLocaleString("en-US")} points (LTTB)`, from: 0, to: steps, points: POINTS, runs: n },
    {
      label: `10 % window, ${POINTS.toLocaleString("en-US")} points (LTTB)`,
      from: steps * 0.45,
      to: steps * 0.55,
      points: POINTS,
      runs: n,
    },
    { label: "full range, every point (naive)", from: 0, to: steps, points: steps, runs: 3 },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    let bytes = 0;
    const times: number[] = [];
    for (let i = 0; i <= c.runs; i++) {
      const start = performance.now();
      const body = JSON.stringify(await readSeries(id, admin, { from: c.from, to: c.to, points: c.points }));
      if (i > 0) times.push(performance.now() - start); // the first run warms up
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    rows.push({
      label: c.label,
      medianMs: times[times.length >> 1] ?? Number.NaN,
      minMs: times[0] ?? Number.NaN,
      jsonMB: bytes / 1e6,
      runs: c.runs,
    });
  }
  await db.$disconnect();
  return rows;
}

const argv = process.argv;
if (argv[1] && import.meta.url === pathToFileURL(path.resolve(argv[1])).href && argv[2] === "--child") {
  measure(Number(argv[3]), argv[4] === "quick")
    .then((rows) => {
      console.log(JSON.stringify(rows));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

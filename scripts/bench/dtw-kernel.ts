/**
 * The DTW kernel side by side: the JavaScript kernel (lib/dtw/dtw-js.ts, the app's kernel before the
 * WebAssembly one), the app's kernel now (`dtwDistance`: lib/dtw/dtw-wasm.ts where WebAssembly SIMD
 * runs) and a plain full DTW in C (scripts/bench/dtw-ref.c, built with the system compiler — cc,
 * else gcc, else clang — at -O2 into a temporary folder; skipped, and said so, when there is none). One full distance
 * each (no band, no abandoning: the C reference does neither), on the same seeded float32 anomaly
 * scores, per core; each kernel timed in interleaved rounds, the fastest round counts. Throws when
 * any two disagree on a distance.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bandSpan } from "../../lib/dtw/band";
import { createDtwScratch, dtwDistance } from "../../lib/dtw/dtw";
import { dtwSquaredInSpanJs } from "../../lib/dtw/dtw-js";
import { wasmDtwKernel } from "../../lib/dtw/dtw-wasm";
import { syntheticScores } from "../../lib/query/synthetic-scores";

const SERIES = 8;
/** The system C compiler: the first of these that runs. */
const COMPILERS = ["cc", "gcc", "clang"];
const SEED = 3;

type Timing = { ms: number; distances: number[] };
type Kernel = { name: string; time(series: Float32Array[], seconds: number): Timing };

/** Distances of the pairs (s, s + 1 mod count), repeated for at least `seconds`. */
function timeJs(fn: (a: Float32Array, b: Float32Array) => number, series: Float32Array[], seconds: number): Timing {
  const distances = new Array<number>(series.length);
  let calls = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let s = 0; s < series.length; s++, calls++) distances[s] = fn(series[s]!, series[(s + 1) % series.length]!);
    elapsed = performance.now() - start;
  } while (elapsed < seconds * 1000);
  return { ms: elapsed / calls, distances };
}

function jsKernels(): Kernel[] {
  const scratch = createDtwScratch(1);
  const old = (a: Float32Array, b: Float32Array) =>
    Math.sqrt(dtwSquaredInSpanJs(a, b, bandSpan(a.length, b.length, undefined), Infinity, scratch));
  const now = (a: Float32Array, b: Float32Array) => dtwDistance(a, b, { scratch });
  return [
    { name: "old (JS)", time: (series, seconds) => timeJs(old, series, seconds) },
    { name: wasmDtwKernel() ? "new (wasm)" : "new (JS: no wasm SIMD)", time: (series, seconds) => timeJs(now, series, seconds) },
  ];
}

/** The C reference built into `dir`, or why not. */
function buildC(dir: string): { kernel: Kernel; label: string } | { reason: string } {
  const source = fileURLToPath(new URL("./dtw-ref.c", import.meta.url));
  const cc = COMPILERS.find((name) => spawnSync(name, ["--version"], { encoding: "utf8" }).status === 0);
  if (!cc) return { reason: "not built (no C compiler)" };
  const version = spawnSync(cc, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]!.trim();
  const binary = join(dir, "dtw-ref");
  const built = spawnSync(cc, ["-O2", "-o", binary, source, "-lm"], { encoding: "utf8" });
  if (built.status !== 0) return { reason: `not built (${cc} -O2 failed: ${(built.stderr || "").trim().split("\n")[0]})` };
  const kernel: Kernel = {
    name: `C (${cc} -O2)`,
    time(series, seconds) {
      const file = join(dir, `series-${series[0]!.length}.f32`);
      const all = new Float32Array(series.length * series[0]!.length);
      series.forEach((s, i) => all.set(s, i * s.length));
      writeFileSync(file, new Uint8Array(all.buffer));
      const out = execFileSync(binary, [file, String(series.length), String(series[0]!.length), String(seconds)], { encoding: "utf8" });
      const [ms, ...distances] = out.trim().split("\n").map(Number);
      return { ms: ms!, distances };
    },
  };
  return { kernel, label: `scripts/bench/dtw-ref.c built with \`${cc} -O2\` (${version})` };
}

const gcells = (size: number, ms: number): string => ((size * size) / ms / 1e6).toFixed(3);
const fmt = (size: number, t: Timing): string => `${t.ms.toFixed(t.ms < 1 ? 3 : 2)} ms ${gcells(size, t.ms)} G/s`;

/** Prints the table; sizes are series lengths (one size × size distance per call). */
export function benchDtwKernel(quick: boolean): void {
  const sizes = quick ? [128, 512] : [128, 512, 2048];
  const rounds = 3;
  const seconds = quick ? 0.05 : 0.15;
  const dir = mkdtempSync(join(tmpdir(), "dtw-ref-"));
  try {
    const c = buildC(dir);
    const kernels = [...jsKernels(), ...("kernel" in c ? [c.kernel] : [])];
    console.log(`DTW kernel: one full distance (no band, no abandoning), float32 anomaly scores, 1 core, fastest of ${rounds} rounds`);
    console.log(`C reference: ${"label" in c ? c.label : c.reason}`);
    const widths = [11, 24, 24, 24, 9, 9];
    const head = ["size", ...kernels.map((k) => k.name), ...("kernel" in c ? ["new/C", "old/C"] : ["old/new"])];
    console.log(head.map((h, i) => h.padEnd(widths[i]!)).join("  "));
    for (const size of sizes) {
      const series = syntheticScores(SERIES, size, SEED).map((x) => x.scores);
      const best: Timing[] = [];
      for (let r = 0; r < rounds; r++) {
        kernels.forEach((k, i) => {
          const t = k.time(series, seconds);
          if (!best[i] || t.ms < best[i].ms) best[i] = t;
        });
      }
      for (let i = 1; i < best.length; i++) {
        const same = best[i]!.distances.every((d, s) => d === best[0]!.distances[s]);
        if (!same)
          throw new Error(`DTW distances differ: ${kernels[i]!.name} ${best[i]!.distances} vs ${kernels[0]!.name} ${best[0]!.distances}`);
      }
      const [old, now, cRef] = best as [Timing, Timing, Timing | undefined];
      const ratios = cRef
        ? [`${(now.ms / cRef.ms).toFixed(2)}×`, `${(old.ms / cRef.ms).toFixed(2)}×`]
        : [`${(old.ms / now.ms).toFixed(2)}×`];
      const cells = [`${size}×${size}`, ...best.map((t) => fmt(size, t)), ...ratios];
      console.log(cells.map((x, i) => x.padEnd(widths[i]!)).join("  "));
    }
    console.log(`same distances: yes (${kernels.map((k) => k.name).join(", ")}; ${SERIES} pairs per size)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench [-- --quick] [suite ...]`: every benchmark prints its figures beside a baseline
 * measured in the same run. Suites: threshold, dqs, detectors, import, series, browser and gpu (both
 * need a build; gpu is not run unless named).
 */
export {};

type Suite = { run(opts: { quick: boolean }): Promise<void> };

const SUITES: Record<string, () => Promise<Suite>> = {
  threshold: () => import("./bench/threshold"),
  dqs: () => import("./bench/dqs"),
  detectors: () => import("./bench/detectors"),
  import: () => import("./bench/import"),
  series: () => import("./bench/series"),
  browser: () => import("./bench/browser"),
  gpu: () => import("./bench/gpu"),
};

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const chosen = args.filter((a) => !a.startsWith("--"));
const unknown = chosen.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(", ")}. Choose from: ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}

for (const name of chosen.length > 0 ? chosen : Object.keys(SUITES).filter((n) => n !== "gpu")) {
  const load = SUITES[name];
  if (!load) continue;
  console.log(`\n=== ${name}${quick ? " (quick)" : ""} ===`);
  const started = Date.now();
  await (await load()).run({ quick });
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

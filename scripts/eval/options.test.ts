import { describe, expect, it } from "vitest";
import { GENERATOR_NAMES } from "../../lib/eval/generators";
import { FULL_PRESET, parseEvalArgs, QUICK_PRESET, UsageError, type EvalOptions } from "./options";

function options(argv: string[]): EvalOptions {
  const parsed = parseEvalArgs(argv);
  if (parsed.help) throw new Error("help");
  return parsed.options;
}

function usage(argv: string[]): string {
  try {
    parseEvalArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return "no error";
}

describe("parseEvalArgs", () => {
  it("has the documented defaults", () => {
    const o = options([]);
    expect(o).toMatchObject({
      ...FULL_PRESET,
      dataset: "demo",
      suite: false,
      detector: "linear",
      window: 16,
      hidden: null,
      quick: false,
      noCache: false,
    });
    expect(o.strategies).toEqual(["dqs", "random", "top", "uncertain", "score-kmeans"]);
  });

  it("runs on wasm unless told otherwise; webgpu takes the path to Dawn's bindings; other backends are refused", () => {
    expect(options([])).toMatchObject({ backend: "wasm", webgpu: null });
    expect(options(["--backend", "webgpu", "--webgpu", "/gpu/webgpu/index.js"])).toMatchObject({
      backend: "webgpu",
      webgpu: "/gpu/webgpu/index.js",
    });
    expect(usage(["--backend", "metal"])).toContain("backend");
  });

  it("applies the quick preset, with explicit flags winning", () => {
    expect(options(["--quick"])).toMatchObject(QUICK_PRESET);
    expect(options(["--quick", "--folds", "3"]).folds).toBe(3);
  });

  it("reads lists, sorted and without duplicates", () => {
    const o = options([
      "--budgets",
      "10,1,5,5",
      "--mislabel",
      "0.3,0",
      "--stages",
      "1,0.5",
      "--strategies",
      "top,dqs,top",
      "--window",
      "acf",
      "--no-cache",
    ]);
    expect(o.budgets).toEqual([1, 5, 10]);
    expect(o.mislabel).toEqual([0, 0.3]);
    expect(o.stages).toEqual([0.5, 1]);
    expect(o.strategies).toEqual(["top", "dqs"]);
    expect(o.window).toBe("acf");
    expect(o.noCache).toBe(true);
  });

  it("refuses bad flags with a clear message", () => {
    expect(usage(["--bogus"])).toContain("Unknown option '--bogus'");
    expect(usage(["--budgets", "1,x"])).toContain("--budgets must be a whole number");
    expect(usage(["--mislabel", "1.5"])).toContain("--mislabel must be a number in [0, 1]");
    expect(usage(["--stages", "0"])).toContain("--stages");
    expect(usage(["--strategies", "dqs,best"])).toContain('unknown strategy "best"');
    expect(usage(["--refine", "loe"])).toContain("--refine must be one of aloe");
    expect(usage(["--refine-epochs", "2"])).toContain("--refine-epochs applies to --refine aloe only");
    expect(usage(["--detector", "svm"])).toContain("--detector must be one of tevae, lstm-ae, linear");
    expect(usage(["--id", "Bad Id"])).toContain("--id must match");
    expect(usage(["--seeds", "0"])).toContain("--seeds");
    expect(usage(["--dataset", "x.csv", "--sequences", "10"])).toContain("apply to --dataset demo only");
    expect(usage(["--name"])).toContain("argument missing");
  });

  it("offers ALOE's strategies on request and --refine aloe, off by default", () => {
    expect(options([]).strategies).not.toContain("aloe-kmeans");
    expect(options([]).refine).toBeNull();
    const o = options(["--strategies", "aloe-kmeans,aloe-pos,random", "--refine", "aloe", "--refine-epochs", "2"]);
    expect(o.strategies).toEqual(["aloe-kmeans", "aloe-pos", "random"]);
    expect(o).toMatchObject({ refine: "aloe", refineEpochs: 2 });
  });

  it("reads the query and protocol flags, with the app's defaults", () => {
    expect(options([])).toMatchObject({ segment: "auto", pool: "auto", placement: "margin", objective: "pool", protocol: "ours" });
    expect(options(["--objective", "pool"]).objective).toBe("pool");
    expect(usage(["--objective", "test"])).toContain("--objective must be one of labels, pool");
    const o = options(["--segment", "256", "--pool", "validation+train", "--placement", "upper", "--protocol", "reference"]);
    expect(o).toMatchObject({ segment: 256, pool: "validation+train", placement: "upper", protocol: "reference" });
    expect(options(["--segment", "whole"]).segment).toBeNull();
    expect(usage(["--segment", "1"])).toContain("--segment must be a whole number");
    expect(usage(["--placement", "edge"])).toContain("--placement must be one of margin, geometric, middle, reference, upper");
    expect(usage(["--pool", "test"])).toContain("--pool must be one of");
  });

  it("takes a generator by name, seeded by --demo-seed", () => {
    for (const name of GENERATOR_NAMES) expect(options(["--dataset", name])).toMatchObject({ dataset: name, suite: false, demoSeed: 1 });
    expect(options(["--dataset", "heartbeats", "--demo-seed", "7"])).toMatchObject({ dataset: "heartbeats", demoSeed: 7 });
    expect(options(["--dataset", "demo", "--sequences", "16", "--anomaly-fraction", "0.5"])).toMatchObject({
      sequences: 16,
      anomalyFraction: 0.5,
    });
    expect(usage(["--dataset", "sensors", "--sequences", "16"])).toContain("apply to --dataset demo only");
    expect(usage(["--dataset", "servers", "--anomaly-fraction", "0.5"])).toContain("apply to --dataset demo only");
    expect(usage(["--dataset", "x.csv", "--demo-seed", "2"])).toContain("--demo-seed applies to a generated dataset only");
  });

  it("runs the suite with the other flags, the demo flags applying to its demo", () => {
    const o = options(["--suite", "--folds", "3", "--demo-seed", "4", "--sequences", "20", "--budgets", "5"]);
    expect(o).toMatchObject({ suite: true, dataset: "demo", folds: 3, demoSeed: 4, sequences: 20, budgets: [5] });
    expect(usage(["--suite", "--dataset", "sensors"])).toContain("leave out --dataset");
    expect(usage(["--suite=yes"])).toContain("--suite");
  });

  it("takes every detector kind of lib/detectors, the linear baseline included", () => {
    expect(options(["--detector", "linear"]).detector).toBe("linear");
  });

  it("asks for help", () => {
    expect(parseEvalArgs(["--help"])).toEqual({ help: true });
  });
});

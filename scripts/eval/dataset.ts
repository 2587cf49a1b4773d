/**
 * The dataset an evaluation runs on: a seeded generator (the PATH-like demo, or one of
 * lib/eval/generators: sensors, heartbeats, servers), a dataset stored in the database (by id or
 * name; a generator's name wins over a stored dataset of the same name), or a CSV file. Every source
 * gives the same shape — sequences with channel-major columns and 0/1 ground truth per step — and a
 * failure is a DatasetError with a message that says what to do. The database and CSV loaders are
 * imported only when asked for, so that a generated run needs neither a database nor a CSV parser.
 */
import { existsSync } from "node:fs";
import { generatePathDataset } from "../../lib/demo/path-dataset";
import { faultCounts } from "../../lib/eval/generators/common";
import { fromPathDemo, getGenerator, isGeneratorName, type GeneratorName } from "../../lib/eval/generators";
import type { SeriesColumns } from "../../lib/series/types";
import type { EvalOptions } from "./options";

export type LoadedSequence = { id: string; name: string; columns: SeriesColumns; labels: Uint8Array | undefined };

export type LoadedDataset = {
  source: "demo" | "generator" | "database" | "csv";
  name: string;
  samplingRate: number;
  channels: string[];
  sequences: LoadedSequence[];
  /** How it was made or found, for the report's notes. */
  notes: string[];
};

export class DatasetError extends Error {
  override name = "DatasetError";
  constructor(
    readonly code: "not_found" | "no_ground_truth" | "bad_csv",
    message: string,
  ) {
    super(message);
  }
}

function demoDataset(options: EvalOptions): LoadedDataset {
  const demo = generatePathDataset({ seed: options.demoSeed, sequences: options.sequences, anomalyFraction: options.anomalyFraction });
  const anomalous = demo.sequences.filter((s) => s.anomaly !== null).length;
  return {
    source: "demo",
    name: `PATH-like demo (seed ${options.demoSeed}, ${options.sequences} drives, ${anomalous} with a fault)`,
    samplingRate: demo.samplingRate,
    channels: demo.channels,
    sequences: demo.sequences.map((s) => ({ id: s.name, name: s.name, columns: s.columns, labels: s.labels })),
    notes: [
      `demo: generatePathDataset({ seed: ${options.demoSeed}, sequences: ${options.sequences}, anomalyFraction: ${options.anomalyFraction} }), ` +
        `1,000–3,000 steps at ${demo.samplingRate} Hz; the seeded app demo is --sequences 80 --anomaly-fraction 0.15`,
      `demo faults: ${faultCounts(fromPathDemo(demo).sequences)}`,
    ],
  };
}

function lengthRange(lengths: readonly number[]): string {
  const lo = Math.min(...lengths);
  const hi = Math.max(...lengths);
  return lo === hi ? lo.toLocaleString("en") : `${lo.toLocaleString("en")}–${hi.toLocaleString("en")}`;
}

/** One of lib/eval/generators other than the demo, seeded by --demo-seed. */
function generatedDataset(name: GeneratorName, seed: number): LoadedDataset {
  const generator = getGenerator(name);
  const data = generator.generate(seed);
  const anomalous = data.sequences.filter((s) => s.faults.length > 0).length;
  return {
    source: "generator",
    name: `${data.name}, ${data.sequences.length} sequences, ${anomalous} with a fault`,
    samplingRate: data.samplingRate,
    channels: data.channels,
    sequences: data.sequences.map((s) => ({ id: s.name, name: s.name, columns: s.columns, labels: s.labels })),
    notes: [
      `generator ${name} (lib/eval/generators/${name}.ts), seed ${seed} (--dataset ${name} --demo-seed ${seed} remakes it): ${generator.description}`,
      `${name}: ${data.sequences.length} sequences × ${lengthRange(data.sequences.map((s) => s.labels.length))} steps; faults: ${faultCounts(data.sequences)}`,
    ],
  };
}

function requireGroundTruth(dataset: LoadedDataset): LoadedDataset {
  if (!dataset.sequences.some((s) => s.labels?.includes(1))) {
    throw new DatasetError(
      "no_ground_truth",
      `${dataset.name} has no anomalous ground-truth label; the harness needs ground truth to simulate the expert and to score`,
    );
  }
  return dataset;
}

export async function loadDataset(options: EvalOptions): Promise<LoadedDataset> {
  if (options.dataset === "demo") return demoDataset(options);
  if (isGeneratorName(options.dataset)) return generatedDataset(options.dataset, options.demoSeed);
  if (/\.csv$/i.test(options.dataset) || existsSync(options.dataset)) {
    if (!existsSync(options.dataset)) throw new DatasetError("not_found", `no such file: ${options.dataset}`);
    const { loadCsvDataset } = await import("./csv-dataset");
    return requireGroundTruth(await loadCsvDataset(options.dataset, options.rate));
  }
  const { loadDatabaseDataset } = await import("./db-dataset");
  return requireGroundTruth(await loadDatabaseDataset(options.dataset));
}

import { generatePathDataset } from "../lib/demo/path-dataset";
import type { Api } from "./api";
import { csvMapping } from "./column-split-upload";

/**
 * A dataset of its own of `count` PATH-like demo drives (the demo's generator, with its units and
 * labels; split 60/20/20), imported through the API, for the specs that train and score in the
 * browser: their runs need the demo's kind of data, not all 80 of the seeded demo's drives.
 */
export async function importDemoDrives(api: Api, name: string, count = 16, seed = 7): Promise<string> {
  const demo = generatePathDataset({ seed, sequences: count });
  const lines = [["drive", ...demo.channels, "label"].join(",")];
  for (const s of demo.sequences) {
    for (let t = 0; t < s.labels.length; t++) {
      lines.push([s.name, ...s.columns.map((c) => Number((c[t] ?? 0).toPrecision(6))), s.labels[t]].join(","));
    }
  }
  const mapping = csvMapping(name, {
    sequenceColumn: "drive",
    samplingRate: demo.samplingRate,
    channels: demo.channels,
    channelUnits: Object.fromEntries(demo.channels.map((c, i) => [c, demo.units[i] ?? ""])),
    labelColumn: "label",
    split: { kind: "ratios", train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
  });
  const { datasetId } = await api.importCsv(mapping, `${lines.join("\n")}\n`, "drives.csv");
  return datasetId;
}

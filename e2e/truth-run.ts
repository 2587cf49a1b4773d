import type { Api, SequenceItem } from "./api";
import { csvMapping } from "./column-split-upload";

/**
 * A dataset whose every figure is known by hand (the metrics spec): one channel with ground truth,
 * imported through the API. The spec stores its run with given scores (e2e/scored-run.ts) and queries
 * whole sequences (Api.wholeSequenceBatch).
 */

/** Imports CSV rows "seq,split,a,truth" (the header is added) as a dataset whose split is the column. */
export async function uploadWithTruth(
  api: Api,
  name: string,
  rows: readonly string[],
  samplingRate = 1,
): Promise<{ datasetId: string; sequences: SequenceItem[] }> {
  const mapping = csvMapping(name, { samplingRate, labelColumn: "truth" });
  const { datasetId } = await api.importCsv(mapping, `${["seq,split,a,truth", ...rows].join("\n")}\n`, "scored.csv");
  const { sequences } = await api.dataset(datasetId);
  return { datasetId, sequences };
}

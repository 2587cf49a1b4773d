/**
 * What a deletion removes, in words: the confirmation dialog and the audit log say it the same way.
 * Pure (shared by the server, which counts, and the browser, which shows).
 */
export type DeletionCounts = {
  sequences?: number;
  runs?: number;
  scores: number;
  batches: number;
  queries: number;
  labels: number;
  thresholds: number;
};

export type DeletionSummary = { kind: "dataset" | "run"; id: string; name: string; counts: DeletionCounts };

const NOUNS: [keyof DeletionCounts, string, string][] = [
  ["sequences", "sequence", "sequences"],
  ["runs", "detector run", "detector runs"],
  ["scores", "score series", "score series"],
  ["batches", "query batch", "query batches"],
  ["queries", "query", "queries"],
  ["labels", "expert label", "expert labels"],
  ["thresholds", "stored threshold", "stored thresholds"],
];

/** "80 sequences, 2 detector runs, … and 7 expert labels" — every count, zeros left out. */
export function describeDeletion(summary: DeletionSummary): string {
  const parts = NOUNS.flatMap(([key, one, many]) => {
    const n = summary.counts[key];
    return n === undefined || n === 0 ? [] : [`${n.toLocaleString("en-US")} ${n === 1 ? one : many}`];
  });
  const what = summary.kind === "dataset" ? `the dataset “${summary.name}”` : `the run ${summary.name}`;
  if (parts.length === 0) return `Deletes ${what}.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Deletes ${what} with ${list}. This cannot be undone.`;
}

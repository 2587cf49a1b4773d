/**
 * The detector's embedding of each query candidate, for ALOE's strategies (docs/algorithms.md §8.4):
 * the run's weights are loaded into a scoring worker, every sequence a candidate lies in is fetched
 * and z-scored with the dataset's training statistics (as the run was), and the worker embeds its
 * stretches (lib/detectors/embedding.ts: the recurrent detectors' mean latent over the stretch's
 * windows, the linear detector's residual features). Computed when a batch is asked for, since the
 * candidates' stretches depend on the segment length chosen then.
 */
import { parseCandidateKey } from "@/lib/query/candidates";
import { zscore, type ZScoreParams } from "@/lib/preprocess";
import { createScorer, type Scorer } from "@/workers/score/client";
import { WorkerError } from "@/workers/worker-error";
import { pipeline } from "@/lib/runs/pipeline";
import { fetchRunWeights, fetchSequence } from "../runs/run-io";

/** What embedding needs beyond the run: its dataset and the statistics its sequences were z-scored with. */
export type EmbeddingSource = { datasetId: string; trainStats: ZScoreParams };

/** Embeds the stretches named by `keys` ("<sequenceId>:<start>-<end>"); reports sequences done of the total. */
export function embedCandidates(
  runId: string,
  source: EmbeddingSource,
  keys: readonly string[],
  onProgress: (done: number, total: number) => void,
): { done: Promise<Map<string, Float32Array>>; cancel(): void } {
  let scorer: Scorer | null = null;
  let cancelled = false;
  const done = (async () => {
    const bySequence = new Map<string, { key: string; stretch: [number, number] }[]>();
    for (const key of new Set(keys)) {
      const s = parseCandidateKey(key);
      if (!s) throw new Error(`"${key}" names no stretch of a sequence.`);
      bySequence.set(s.sequenceId, [...(bySequence.get(s.sequenceId) ?? []), { key, stretch: [s.start, s.end] }]);
    }
    const weights = await fetchRunWeights(runId);
    if (cancelled) throw new WorkerError("interrupted", "Cancelled.");
    scorer = createScorer(weights, undefined, () => undefined);
    await scorer.ready;
    const out = new Map<string, Float32Array>();
    const worker = scorer;
    const sequences = [...bySequence];
    // The next sequence is fetched while the worker embeds the current one.
    await pipeline(
      sequences.length,
      1,
      {
        fetch: async (i) => zscore(await fetchSequence(source.datasetId, sequences[i]![0]), source.trainStats),
        compute: (_lane, i, columns) => {
          const [sequenceId, stretches] = sequences[i]!;
          return worker.embed(
            sequenceId,
            columns,
            stretches.map((s) => s.stretch),
          );
        },
        store: async (i, embeddings) => sequences[i]![1].forEach((s, k) => out.set(s.key, embeddings[k]!)),
      },
      (finished) => onProgress(finished, sequences.length),
      () => cancelled,
    );
    if (cancelled) throw new WorkerError("interrupted", "Cancelled.");
    return out;
  })().finally(() => scorer?.dispose());
  return {
    done,
    cancel() {
      cancelled = true;
      scorer?.dispose();
    },
  };
}

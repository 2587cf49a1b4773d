import "server-only";
import { batchPool, poolPeaks, type PoolDefinition, type PoolPeak } from "../query/pool-peaks";
import { poolSequences } from "../query/pool-rule";
import { decodeFloat32 } from "../series/chunks";
import { batchParamsSchema } from "../validations/query";
import { db } from "./db";
import { readScoreBytes } from "./series-store";
import type { Tx } from "./thresholds";

/**
 * A run's query pool with every candidate's peak (lib/query/pool-peaks.ts): the evidence the "pool"
 * objective weighs when the server stores the refined threshold, and what the labelling page is given
 * to show the same value before the server answers.
 *
 * A complete run's scores never change (they are written only while it runs) and its dataset's splits
 * are fixed once it has a run, so a run's pool for one definition is computed once per process and
 * kept (a few entries; every instance computes the same).
 */
export type RunPool = { definition: PoolDefinition; peaks: PoolPeak[] };

const CACHE_ENTRIES = 32;
const cache = new Map<string, PoolPeak[]>();

function remember(key: string, peaks: PoolPeak[]): PoolPeak[] {
  cache.delete(key);
  cache.set(key, peaks);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return peaks;
}

/** The pool of the run's latest batch; null before the run has a batch. */
export async function runPool(runId: string, client: Tx = db): Promise<RunPool | null> {
  const batch = await client.queryBatch.findFirst({
    where: { runId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { params: true, run: { select: { datasetId: true } } },
  });
  if (!batch) return null;
  const sequences = await client.sequence.findMany({
    where: { datasetId: batch.run.datasetId },
    orderBy: { index: "asc" },
    select: { id: true, split: true },
  });
  const params = batchParamsSchema.safeParse(batch.params);
  const definition = batchPool(params.success ? params.data : {}, sequences.filter((s) => s.split === "validation").length);
  const key = `${runId}|${definition.includeTrain}|${definition.segmentLength}`;
  const known = cache.get(key);
  if (known) return { definition, peaks: remember(key, known) };

  const members = poolSequences(
    sequences.map((s) => ({ sequenceId: s.id, split: s.split })),
    definition,
  );
  if (definition.segmentLength === null) {
    // Whole sequences: each peak is the max stored with the scores.
    const rows = await client.score.findMany({
      where: { runId, sequenceId: { in: members.map((m) => m.sequenceId) } },
      select: { sequenceId: true, length: true, max: true },
    });
    const byId = new Map(rows.map((r) => [r.sequenceId, r]));
    const peaks = members.flatMap((m) => {
      const row = byId.get(m.sequenceId);
      return row && row.length > 0 ? [{ sequenceId: m.sequenceId, start: 0, end: row.length, peak: row.max }] : [];
    });
    return { definition, peaks: remember(key, peaks) };
  }
  const scores = new Map<string, Float32Array>();
  for (const m of members) {
    const bytes = await readScoreBytes(runId, m.sequenceId);
    if (bytes) scores.set(m.sequenceId, decodeFloat32(bytes));
  }
  return { definition, peaks: remember(key, poolPeaks(members, scores, definition)) };
}

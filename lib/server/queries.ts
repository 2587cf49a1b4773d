import "server-only";
import { AppError } from "../errors";
import { nameCandidateKeys, parseCandidateKey } from "../query/candidates";
import { batchPool } from "../query/pool-peaks";
import { batchParamsSchema, type BatchView, type CreateBatchInput } from "../validations/query";
import { db } from "./db";

/** Keys of every stretch of the dataset that was ever queried (by any run): never offered again. */
export async function queriedKeys(datasetId: string): Promise<string[]> {
  const rows = await db.query.findMany({
    where: { batch: { run: { datasetId } } },
    select: { candidateKey: true },
    distinct: ["candidateKey"],
  });
  return rows.map((r) => r.candidateKey);
}

export async function createBatch(runId: string, input: CreateBatchInput, userId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const run = await tx.detectorRun.findUnique({ where: { id: runId }, select: { status: true, datasetId: true } });
    if (!run) throw new AppError("not_found", "No such run.");
    if (run.status !== "complete") throw new AppError("conflict", `Queries need a complete run; this one is ${run.status}.`);
    const stretches = input.picks.map((p) => {
      const stretch = parseCandidateKey(p.key);
      if (!stretch) throw new AppError("invalid", `"${p.key}" is not a candidate key.`);
      return { ...p, ...stretch };
    });
    // Keys are compared as stored, so "s:01-5" and "s:1-5" — one stretch — are refused together too.
    const seen = new Set<string>();
    for (const s of stretches) {
      const stretch = `${s.sequenceId}:${s.start}-${s.end}`;
      if (seen.has(stretch)) throw new AppError("invalid", `The stretch ${stretch} is picked twice in this batch.`);
      seen.add(stretch);
    }
    const sequences = await tx.sequence.findMany({
      where: { datasetId: run.datasetId, id: { in: stretches.map((s) => s.sequenceId) } },
      select: { id: true, length: true },
    });
    const lengths = new Map(sequences.map((s) => [s.id, s.length]));
    for (const s of stretches) {
      const length = lengths.get(s.sequenceId);
      if (length === undefined) throw new AppError("invalid", `Sequence ${s.sequenceId} is not in this run's dataset.`);
      if (s.end > length) throw new AppError("invalid", `${s.key} ends after the sequence (${length} steps).`);
    }
    const taken = await tx.query.findMany({
      where: { candidateKey: { in: stretches.map((s) => s.key) }, batch: { run: { datasetId: run.datasetId } } },
      select: { candidateKey: true },
    });
    if (taken.length > 0) {
      throw new AppError("conflict", `Already queried: ${taken.map((t) => t.candidateKey).join(", ")}. Ask for a new batch.`);
    }
    const all = await tx.sequence.findMany({ where: { datasetId: run.datasetId }, select: { id: true, name: true, split: true } });
    const names = new Map(all.map((s) => [s.id, s.name]));
    // The pool the picks came from; a client that does not say gets the run page's default recorded.
    const pool = batchPool(input, all.filter((s) => s.split === "validation").length);
    return tx.queryBatch.create({
      data: {
        runId,
        strategy: input.strategy,
        budget: input.budget,
        seed: input.seed,
        createdById: userId,
        params: { ...pool, threshold: input.threshold, ms: input.ms ?? null, poolSize: input.poolSize ?? null },
        queries: {
          create: stretches.map((s) => ({
            rank: s.rank,
            sequenceId: s.sequenceId,
            start: s.start,
            end: s.end,
            candidateKey: s.key,
            reason: nameCandidateKeys(s.reason, names),
            probability: s.probability ?? null,
          })),
        },
      },
      select: { id: true },
    });
  });
}

export async function listBatches(runId: string): Promise<BatchView[]> {
  const run = await db.detectorRun.findUnique({ where: { id: runId }, select: { datasetId: true } });
  const validation = run ? await db.sequence.count({ where: { datasetId: run.datasetId, split: "validation" } }) : 0;
  const rows = await db.queryBatch.findMany({
    where: { runId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      params: true,
      strategy: true,
      budget: true,
      seed: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      queries: {
        orderBy: { rank: "asc" },
        select: {
          id: true,
          rank: true,
          sequenceId: true,
          start: true,
          end: true,
          reason: true,
          probability: true,
          sequence: { select: { name: true } },
          _count: { select: { labels: true } },
        },
      },
    },
  });
  return rows.map((b) => ({
    id: b.id,
    strategy: b.strategy,
    budget: b.budget,
    seed: b.seed,
    createdAt: b.createdAt.toISOString(),
    createdBy: b.createdBy?.name ?? "—",
    pool: batchPool(batchParamsSchema.safeParse(b.params).data ?? {}, validation),
    queries: b.queries.map((q) => ({
      id: q.id,
      rank: q.rank,
      sequenceId: q.sequenceId,
      sequenceName: q.sequence.name,
      start: q.start,
      end: q.end,
      reason: q.reason,
      probability: q.probability,
      labels: q._count.labels,
    })),
  }));
}

import "server-only";
import { db } from "./db";

export type QueueItem = {
  queryId: string;
  runId: string;
  datasetId: string;
  datasetName: string;
  sequenceId: string;
  sequenceLength: number;
  sequenceName: string;
  /** The dataset's sampling rate (Hz): stretches and onsets read in its time. */
  samplingRate: number;
  start: number;
  end: number;
  rank: number;
  strategy: string;
  batchCreatedAt: string;
  /** This expert's latest label, if any. */
  myLabel: { anomalous: boolean; onset: number | null; regionEnd: number | null } | null;
};

/** The queried candidates of the datasets assigned to an expert, oldest batch first, in rank order. */
export async function listQueue(userId: string): Promise<QueueItem[]> {
  const rows = await db.query.findMany({
    where: { batch: { run: { dataset: { assignments: { some: { userId } } } } } },
    orderBy: [{ batch: { createdAt: "asc" } }, { rank: "asc" }],
    select: {
      id: true,
      start: true,
      end: true,
      rank: true,
      sequence: { select: { id: true, name: true, length: true } },
      batch: {
        select: {
          strategy: true,
          createdAt: true,
          run: { select: { id: true, dataset: { select: { id: true, name: true, samplingRate: true } } } },
        },
      },
      labels: { where: { userId }, orderBy: { createdAt: "desc" }, take: 1, select: { anomalous: true, onset: true, regionEnd: true } },
    },
  });
  return rows.map((r) => ({
    queryId: r.id,
    runId: r.batch.run.id,
    datasetId: r.batch.run.dataset.id,
    datasetName: r.batch.run.dataset.name,
    sequenceId: r.sequence.id,
    sequenceLength: r.sequence.length,
    sequenceName: r.sequence.name,
    samplingRate: r.batch.run.dataset.samplingRate,
    start: r.start,
    end: r.end,
    rank: r.rank,
    strategy: r.batch.strategy,
    batchCreatedAt: r.batch.createdAt.toISOString(),
    myLabel: r.labels[0] ?? null,
  }));
}

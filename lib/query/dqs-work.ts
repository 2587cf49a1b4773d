/**
 * How the DQS steps ask for work: they are generators that yield what they need (pair distances,
 * or row estimates) and receive the answers, so one implementation runs inline (`runSync`) or on
 * a pool of workers or a GPU (`runAsync`). With a round size of 1 the steps ask for one pair at a
 * time, which is the sequential algorithm exactly; larger rounds evaluate several candidates at
 * once against the bound known at the start of the round (looser bounds mean more work, never a
 * different answer: see dqs-argmin.ts and dqs-argmax.ts).
 */
import type { DqsStats, PairTable } from "./dqs-pairs";
import { packRequests, type PairExecutor, type PairRequest, type PairResults, type RowEstimates } from "./pair-work";

export type Work = { type: "pairs"; requests: PairRequest[] } | { type: "rows"; ids: number[] };
export type WorkResult = PairResults | RowEstimates | null;
export type Steps<T> = Generator<Work, T, WorkResult>;

/** Yield pair requests, record the DTW answers in the table, return the values. */
export function* askPairs(table: PairTable, requests: PairRequest[]): Steps<Float64Array> {
  if (requests.length === 0) return new Float64Array(0);
  const result = (yield { type: "pairs", requests }) as PairResults;
  table.stats.cells += result.cells;
  requests.forEach((r, i) => {
    if (r.kind === 0) table.record(r.a, r.b, r.bound, result.values[i]!);
    else table.stats.corridorCalls++;
  });
  return result.values;
}

/** Ask for row estimates of the ids that have none yet (no-op without an estimating executor). */
export function* askRows(table: PairTable, ids: number[]): Steps<void> {
  const missing = ids.filter((id) => !table.row(id).estimated);
  if (missing.length === 0) return;
  const result = (yield { type: "rows", ids: missing }) as RowEstimates | null;
  if (!result) return;
  missing.forEach((id, i) => table.installEstimate(id, result.rows[i]!, result.relativeError[i]!));
}

export function runSync<T>(steps: Steps<T>, executor: PairExecutor): T {
  let next = steps.next(null);
  while (!next.done) {
    const work = next.value;
    if (work.type === "rows") next = steps.next(null);
    else {
      const result = executor.run(packRequests(work.requests));
      if (result instanceof Promise) throw new Error("runSync needs a synchronous executor");
      next = steps.next(result);
    }
  }
  return next.value;
}

export async function runAsync<T>(steps: Steps<T>, executor: PairExecutor): Promise<T> {
  let next = steps.next(null);
  while (!next.done) {
    const work = next.value;
    if (work.type === "rows") next = steps.next(executor.estimateRows ? await executor.estimateRows(work.ids) : null);
    else next = steps.next(await executor.run(packRequests(work.requests)));
  }
  return next.value;
}

export type { DqsStats };

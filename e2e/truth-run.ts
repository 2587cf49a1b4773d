import type { APIRequestContext, APIResponse } from "@playwright/test";
import { encodeFrame } from "../lib/binary-frame";
import { getJson } from "./api";

/**
 * A run whose every figure is known by hand: a one-channel dataset with ground truth imported through
 * the API, a linear run whose scores are put through the API (no training) and completed with a given
 * unsupervised threshold, and one query batch of whole sequences. The metrics spec uses it.
 */
export type NamedSequence = { id: string; name: string };

/** The response's JSON when its status is `status`; otherwise an error with the body. */
export async function ok(response: APIResponse, status: number): Promise<unknown> {
  if (response.status() !== status) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
  return response.json().catch(() => null);
}

/** Imports CSV rows "seq,split,a,truth" (the header is added) as a dataset whose split is the column. */
export async function uploadWithTruth(
  admin: APIRequestContext,
  name: string,
  rows: readonly string[],
  samplingRate = 1,
): Promise<{ datasetId: string; sequences: NamedSequence[] }> {
  const body = Buffer.from(`${["seq,split,a,truth", ...rows].join("\n")}\n`);
  const mapping = {
    name,
    timestampColumn: null,
    samplingRate,
    sequenceColumn: "seq",
    channels: ["a"],
    labelColumn: "truth",
    targetRate: null,
    split: { kind: "column", column: "split" },
    missing: "reject",
  };
  const { uploadId } = (await ok(
    await admin.post("/api/datasets/uploads", { data: { mapping, files: [{ name: "scored.csv", size: body.length }] } }),
    201,
  )) as { uploadId: string };
  await ok(await admin.put(`/api/datasets/uploads/${uploadId}/files/0`, { data: body, headers: { "content-type": "text/csv" } }), 200);
  const { datasetId } = (await ok(await admin.post(`/api/datasets/uploads/${uploadId}/import`, { data: {} }), 201)) as {
    datasetId: string;
  };
  const { sequences } = await getJson<{ sequences: NamedSequence[] }>(admin, `/api/datasets/${datasetId}`);
  return { datasetId, sequences };
}

/** A complete linear run with these scores per sequence (the one channel's score equal to the total). */
export async function runWithScores(
  admin: APIRequestContext,
  datasetId: string,
  sequences: readonly NamedSequence[],
  scoreOf: (name: string) => Float32Array,
  unsupervised: number,
): Promise<string> {
  const config = { windowSize: 16, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };
  const { run } = (await ok(await admin.post("/api/runs", { data: { datasetId, detector: "linear", config } }), 201)) as {
    run: { id: string };
  };
  for (const s of sequences) {
    const score = scoreOf(s.name);
    const values = new Float32Array(2 * score.length);
    values.set(score);
    values.set(score, score.length);
    const frame = encodeFrame({ sequenceId: s.id, length: score.length, channels: 1 }, new Uint8Array(values.buffer));
    await ok(
      await admin.put(`/api/runs/${run.id}/scores`, { data: Buffer.from(frame), headers: { "content-type": "application/octet-stream" } }),
      204,
    );
  }
  await ok(await admin.patch(`/api/runs/${run.id}`, { data: { status: "complete", threshold: unsupervised } }), 200);
  return run.id;
}

/** One "random" batch of these whole sequences, in this order; the query ids by sequence name. */
export async function wholeSequenceBatch(
  admin: APIRequestContext,
  runId: string,
  sequences: readonly NamedSequence[],
  length: number,
): Promise<Record<string, string>> {
  const picks = sequences.map((s, rank) => ({ key: `${s.id}:0-${length}`, rank, reason: "e2e pick" }));
  await ok(
    await admin.post(`/api/runs/${runId}/batches`, {
      data: { strategy: "random", budget: picks.length, seed: 1, segmentLength: null, threshold: null, picks },
    }),
    201,
  );
  const { batches } = await getJson<{ batches: { queries: { id: string; sequenceName: string }[] }[] }>(
    admin,
    `/api/runs/${runId}/batches`,
  );
  return Object.fromEntries((batches[0]?.queries ?? []).map((q) => [q.sequenceName, q.id]));
}

import { encodeFrame } from "../lib/binary-frame";
import type { RunConfig } from "../lib/validations/run";

/**
 * A finished run without training in the browser, whose scores are given: for the specs that need
 * known scores (thresholds, score explorer, export) and the load test (scripts/load.ts). Specs that
 * need a model's real scores, not particular ones, use the demo seed's run (`Api.seededRun`).
 */

/** What storeScoredRun needs of a client: a call that fails unless answered with success (the e2e Api, the load test's Client). */
export type RunWriter = { send<T>(method: "POST" | "PUT" | "PATCH", url: string, data?: unknown): Promise<T> };

export type GivenScores = {
  /** The score per step; each channel's scores too (by default one channel scored as the sequence is). */
  score: Float32Array;
  channelScores?: Float32Array[];
};

/** The settings a linear run records (the linear detector uses none of them but the seed). */
export const STORED_RUN_CONFIG: RunConfig = { windowSize: 16, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };

/**
 * Creates a linear run on the dataset, stores each sequence's given scores as the browser's run does
 * (one binary frame per sequence) and completes it with `threshold` as its unsupervised threshold.
 */
export async function storeScoredRun<S extends { id: string }>(
  client: RunWriter,
  datasetId: string,
  sequences: readonly S[],
  scoresOf: (sequence: S) => Float32Array | GivenScores,
  threshold: number,
  config: RunConfig = STORED_RUN_CONFIG,
): Promise<string> {
  const { run } = await client.send<{ run: { id: string } }>("POST", "/api/runs", { datasetId, detector: "linear", config });
  await completeWithScores(client, run.id, sequences, scoresOf, threshold);
  return run.id;
}

/** Stores each sequence's given scores on a running run and completes it with `threshold`. */
export async function completeWithScores<S extends { id: string }>(
  client: RunWriter,
  runId: string,
  sequences: readonly S[],
  scoresOf: (sequence: S) => Float32Array | GivenScores,
  threshold: number,
): Promise<void> {
  for (const s of sequences) {
    const given = scoresOf(s);
    const { score, channelScores = [score] } = given instanceof Float32Array ? { score: given } : given;
    const values = new Float32Array(score.length * (1 + channelScores.length));
    values.set(score);
    channelScores.forEach((c, i) => values.set(c, score.length * (i + 1)));
    const header = { sequenceId: s.id, length: score.length, channels: channelScores.length };
    await client.send("PUT", `/api/runs/${runId}/scores`, encodeFrame(header, new Uint8Array(values.buffer)));
  }
  await client.send("PATCH", `/api/runs/${runId}`, { status: "complete", threshold });
}

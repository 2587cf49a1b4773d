import { decodeFrame, encodeFrame } from "../lib/binary-frame";
import { summariseTraining } from "../lib/dataset-summary";
import { fitLinearRun } from "../lib/runs/linear-fit";
import { decodeFloat32 } from "../lib/series/chunks";
import type { SeriesColumns, Split } from "../lib/series/types";
import type { RunConfig } from "../lib/validations/run";
import type { Api } from "./api";

/**
 * Finished runs without training in the browser: `storeScoredRun`, whose scores are given, for the
 * specs that need known scores (thresholds, score explorer, export) and the load test
 * (scripts/load.ts); `fitLinearRunInNode`, the linear detector fitted here on a dataset of the test's
 * own. Specs that need a model's real scores on the demo dataset use the demo seed's run
 * (`Api.seededRun`).
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

/** A whole sequence as the browser's run reads it (GET …/raw: a frame of { length, channels }, float32 channel after channel). */
async function rawSequence(api: Api, datasetId: string, sequenceId: string): Promise<SeriesColumns> {
  const { header, body } = decodeFrame(new Uint8Array(await api.bytes(`/api/datasets/${datasetId}/sequences/${sequenceId}/raw`)));
  const { length, channels } = header as { length: number; channels: number };
  const values = decodeFloat32(body);
  return Array.from({ length: channels }, (_, c) => values.slice(c * length, (c + 1) * length));
}

/**
 * A run of the linear detector fitted in Node rather than in the browser, by the code the browser's
 * workers run (lib/runs/linear-fit.ts): the sequences read through the API, z-scored with the training
 * split's statistics as the server computes them (lib/dataset-summary.ts), the weights and every
 * sequence's scores stored, the run completed at its unsupervised threshold. As an admin.
 */
export async function fitLinearRunInNode(api: Api, datasetId: string): Promise<string> {
  const { dataset, sequences } = await api.dataset(datasetId);
  const read = [];
  for (const s of sequences) read.push({ id: s.id, split: s.split as Split, columns: await rawSequence(api, datasetId, s.id) });
  const train = read.filter((s) => s.split === "train").map((s) => s.columns);
  const { trainStats } = summariseTraining(train, dataset.channelNames.length);
  const config = { ...STORED_RUN_CONFIG, windowSize: dataset.windowSize ?? 32 };
  const fitted = await fitLinearRun(read, trainStats, config);
  const runId = await api.createRun(datasetId, "linear", config);
  const { kind, config: detectorConfig, specs, data } = fitted.weights;
  await api.send("PUT", `/api/runs/${runId}/weights`, encodeFrame({ kind, config: detectorConfig, specs }, new Uint8Array(data)));
  const scored = fitted.scores.map((s) => ({ id: s.sequenceId, score: s.score, channelScores: s.channelScores }));
  await completeWithScores(api, runId, scored, (s) => s, fitted.threshold);
  return runId;
}

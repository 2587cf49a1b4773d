/** Browser-side transfers of a run: raw sequences in, weights and scores out (binary frames). */
import { decodeFrame, encodeFrame } from "@/lib/binary-frame";
import type { SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";
import { decodeFloat32 } from "@/lib/series/chunks";
import { fetchOk, getBytes, sendJson } from "../api-client";

const binary = (body: Uint8Array): RequestInit => ({
  method: "PUT",
  body: body as BodyInit,
  headers: { "content-type": "application/octet-stream" },
});

export async function fetchSequence(datasetId: string, sequenceId: string): Promise<SeriesColumns> {
  const bytes = await getBytes(`/api/datasets/${datasetId}/sequences/${sequenceId}/raw`, "Loading a sequence");
  const { header, body } = decodeFrame(new Uint8Array(bytes));
  const { length, channels } = header as { length: number; channels: number };
  const values = decodeFloat32(body);
  return Array.from({ length: channels }, (_, c) => values.slice(c * length, (c + 1) * length));
}

/** A run's saved model, as the scoring worker loads it. */
export async function fetchWeights(runId: string, what = "Loading the model"): Promise<SavedWeights> {
  const { header, body } = decodeFrame(new Uint8Array(await getBytes(`/api/runs/${runId}/weights`, what)));
  return { ...(header as Omit<SavedWeights, "data">), data: body };
}

export async function uploadWeights(runId: string, weights: SavedWeights): Promise<void> {
  const frame = encodeFrame({ kind: weights.kind, config: weights.config, specs: weights.specs }, weights.data);
  await fetchOk(`/api/runs/${runId}/weights`, "Saving the model", binary(frame));
}

export async function uploadScores(runId: string, sequenceId: string, score: Float32Array, channelScores: Float32Array[]): Promise<void> {
  const values = new Float32Array(score.length * (1 + channelScores.length));
  values.set(score, 0);
  channelScores.forEach((c, i) => values.set(c, score.length * (i + 1)));
  const frame = encodeFrame({ sequenceId, length: score.length, channels: channelScores.length }, new Uint8Array(values.buffer));
  await fetchOk(`/api/runs/${runId}/scores`, "Saving scores", binary(frame));
}

export async function patchRun(runId: string, patch: Record<string, unknown>): Promise<void> {
  await sendJson("PATCH", `/api/runs/${runId}`, patch, "Updating the run");
}

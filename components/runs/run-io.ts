/** Browser-side transfers of a run: raw sequences in, weights and scores out (binary frames). */
import { decodeFrame, encodeFrame } from "@/lib/binary-frame";
import type { SavedWeights } from "@/lib/detectors";
import type { SeriesColumns } from "@/lib/series/types";
import { decodeFloat32 } from "@/lib/series/chunks";

async function ok(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(`${what} failed (${response.status}): ${body?.error?.message ?? response.statusText}`);
}

export async function fetchSequence(datasetId: string, sequenceId: string): Promise<SeriesColumns> {
  const response = await ok(await fetch(`/api/datasets/${datasetId}/sequences/${sequenceId}/raw`), "Loading a sequence");
  const { header, body } = decodeFrame(new Uint8Array(await response.arrayBuffer()));
  const { length, channels } = header as { length: number; channels: number };
  const values = decodeFloat32(body);
  return Array.from({ length: channels }, (_, c) => values.slice(c * length, (c + 1) * length));
}

export async function uploadWeights(runId: string, weights: SavedWeights): Promise<void> {
  const frame = encodeFrame({ kind: weights.kind, config: weights.config, specs: weights.specs }, weights.data);
  await ok(
    await fetch(`/api/runs/${runId}/weights`, { method: "PUT", body: frame, headers: { "content-type": "application/octet-stream" } }),
    "Saving the model",
  );
}

export async function uploadScores(runId: string, sequenceId: string, score: Float32Array, channelScores: Float32Array[]): Promise<void> {
  const values = new Float32Array(score.length * (1 + channelScores.length));
  values.set(score, 0);
  channelScores.forEach((c, i) => values.set(c, score.length * (i + 1)));
  const frame = encodeFrame({ sequenceId, length: score.length, channels: channelScores.length }, new Uint8Array(values.buffer));
  await ok(
    await fetch(`/api/runs/${runId}/scores`, { method: "PUT", body: frame, headers: { "content-type": "application/octet-stream" } }),
    "Saving scores",
  );
}

export async function patchRun(runId: string, patch: Record<string, unknown>): Promise<void> {
  await ok(
    await fetch(`/api/runs/${runId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) }),
    "Updating the run",
  );
}

/** Fetches every sequence's score of a run in one request (GET /api/runs/[id]/scores/all). */
import { decodeFrame } from "@/lib/binary-frame";
import type { ScoredSequence } from "@/lib/query/candidates";
import { decodeFloat32 } from "@/lib/series/chunks";
import { getBytes } from "../api-client";

export async function fetchRunScores(runId: string): Promise<ScoredSequence[]> {
  const { header, body } = decodeFrame(new Uint8Array(await getBytes(`/api/runs/${runId}/scores/all`, "Loading the run's scores")));
  const values = decodeFloat32(body);
  let offset = 0;
  return (header as { sequenceId: string; length: number }[]).map(({ sequenceId, length }) => {
    const score = values.subarray(offset, offset + length);
    offset += length;
    return { sequenceId, score };
  });
}

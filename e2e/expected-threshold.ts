/**
 * What the server must have stored: thresholdFromLabels (the same lib/ code the server runs) over the
 * labels the API returns, with the run's stored scores, unsupervised threshold and sampling rate, and
 * the unlabelled candidates of its query pool (its latest batch's).
 */
import type { APIRequestContext } from "@playwright/test";
import {
  effectiveLabel,
  formatThreshold,
  thresholdFromLabels,
  toLabelledCandidates,
  type LabelledQuery,
  type ThresholdState,
} from "../lib/labelling/labels";
import { poolPeaks, unlabelledPeaks } from "../lib/query/pool-peaks";
import { poolSequences } from "../lib/query/pool-rule";
import { DEFAULT_PLACEMENT } from "../lib/threshold";
import type { ThresholdView } from "../lib/threshold/view";
import type { BatchView } from "../lib/validations/query";
import { getJson } from "./api";

/** The run's whole threshold history, newest first, every page of the API walked. */
export async function thresholds(client: APIRequestContext | ApiReader, runId: string): Promise<ThresholdView[]> {
  const api = readerOf(client);
  const all: ThresholdView[] = [];
  for (let after: string | null = null; ;) {
    const page: { thresholds: ThresholdView[]; next: string | null } = await api.json(
      `/api/runs/${runId}/thresholds?limit=1000${after ? `&after=${after}` : ""}`,
    );
    all.push(...page.thresholds);
    if (page.next === null) return all;
    after = page.next;
  }
}

/** The labels' latest stored threshold (refined or withdrawn), newest first as the API lists them. */
export async function storedFromLabels(request: APIRequestContext, runId: string): Promise<ThresholdView | undefined> {
  return (await thresholds(request, runId)).find((t) => t.kind === "refined" || t.kind === "withdrawn");
}

/** What expectedThreshold reads through: Playwright's request context, or any other signed-in client. */
export type ApiReader = { json<T>(url: string): Promise<T>; bytes(url: string): Promise<ArrayBuffer> };

function readerOf(client: APIRequestContext | ApiReader): ApiReader {
  if ("bytes" in client) return client;
  return {
    json: (url) => getJson(client, url),
    bytes: async (url) => new Uint8Array(await (await client.get(url)).body()).buffer,
  };
}

export async function expectedThreshold(
  client: APIRequestContext | ApiReader,
  runId: string,
): Promise<{ state: ThresholdState; labelIds: string[] }> {
  const api = readerOf(client);
  const { queries } = await api.json<{ queries: LabelledQuery[] }>(`/api/runs/${runId}/labels`);
  const { run } = await api.json<{ run: { datasetId: string; threshold: number | null } }>(`/api/runs/${runId}`);
  const { dataset, sequences } = await api.json<{ dataset: { samplingRate: number }; sequences: { id: string; split: string }[] }>(
    `/api/datasets/${run.datasetId}`,
  );
  const own = (await thresholds(api, runId)).find((t) => t.kind === "unsupervised");
  // The run's query pool is its latest batch's (the API lists batches newest first).
  const { batches } = await api.json<{ batches: BatchView[] }>(`/api/runs/${runId}/batches`);
  const pool = batches[0]?.pool;
  const members = pool
    ? poolSequences(
        sequences.map((s) => ({ sequenceId: s.id, split: s.split })),
        pool,
      )
    : [];
  const scores = new Map<string, Float32Array>();
  for (const id of new Set([...queries.map((q) => q.sequenceId), ...members.map((m) => m.sequenceId)]))
    scores.set(id, new Float32Array(await api.bytes(`/api/runs/${runId}/scores/${id}`)));
  const { candidates, sources, missing } = toLabelledCandidates(queries, scores);
  if (missing.length > 0) throw new Error(`No scores for ${missing.join(", ")}`);
  const unlabelled = pool
    ? unlabelledPeaks(
        poolPeaks(members, scores, pool),
        sources.map((q) => q.query),
      )
    : [];
  const state = thresholdFromLabels(candidates, own?.value ?? run.threshold, dataset.samplingRate, DEFAULT_PLACEMENT, {
    unlabelledPeaks: unlabelled,
  });
  return { state, labelIds: queries.flatMap((q) => effectiveLabel(q)?.id ?? []) };
}

/** The run page's text for the refined threshold the labels give: the value, or "—" when they do not refine it. */
export function refinedText(state: ThresholdState): string {
  return state.source === "refined" ? formatThreshold(state.value) : "—";
}

/**
 * What the server must have stored: thresholdFromLabels (the same lib/ code the server runs) over the
 * labels the API returns, with the run's stored scores, unsupervised threshold and sampling rate.
 */
import type { APIRequestContext } from "@playwright/test";
import { effectiveLabel, formatThreshold, thresholdFromLabels, toLabelledCandidates, type LabelledQuery, type ThresholdState } from "../lib/labels";
import type { ThresholdView } from "../lib/threshold-view";

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  if (!response.ok()) throw new Error(`GET ${url}: ${response.status()}`);
  return (await response.json()) as T;
}

export async function thresholds(request: APIRequestContext, runId: string): Promise<ThresholdView[]> {
  return (await json<{ thresholds: ThresholdView[] }>(request, `/api/runs/${runId}/thresholds`)).thresholds;
}

/** The labels' latest stored threshold (refined or withdrawn), newest first as the API lists them. */
export async function storedFromLabels(request: APIRequestContext, runId: string): Promise<ThresholdView | undefined> {
  return (await thresholds(request, runId)).find((t) => t.kind === "refined" || t.kind === "withdrawn");
}

/** What expectedThreshold reads through: Playwright's request context, or any other signed-in client. */
export type ApiReader = { json<T>(url: string): Promise<T>; bytes(url: string): Promise<ArrayBuffer> };

function playwrightReader(request: APIRequestContext): ApiReader {
  return {
    json: (url) => json(request, url),
    bytes: async (url) => new Uint8Array(await (await request.get(url)).body()).buffer,
  };
}

export async function expectedThreshold(client: APIRequestContext | ApiReader, runId: string): Promise<{ state: ThresholdState; labelIds: string[] }> {
  const api = "bytes" in client ? client : playwrightReader(client);
  const { queries } = await api.json<{ queries: LabelledQuery[] }>(`/api/runs/${runId}/labels`);
  const { run } = await api.json<{ run: { datasetId: string; threshold: number | null } }>(`/api/runs/${runId}`);
  const { dataset } = await api.json<{ dataset: { samplingRate: number } }>(`/api/datasets/${run.datasetId}`);
  const { thresholds: list } = await api.json<{ thresholds: ThresholdView[] }>(`/api/runs/${runId}/thresholds`);
  const own = list.find((t) => t.kind === "unsupervised");
  const scores = new Map<string, Float32Array>();
  for (const id of new Set(queries.map((q) => q.sequenceId))) scores.set(id, new Float32Array(await api.bytes(`/api/runs/${runId}/scores/${id}`)));
  const { candidates, missing } = toLabelledCandidates(queries, scores);
  if (missing.length > 0) throw new Error(`No scores for ${missing.join(", ")}`);
  const state = thresholdFromLabels(candidates, own?.value ?? run.threshold, dataset.samplingRate);
  return { state, labelIds: queries.flatMap((q) => effectiveLabel(q)?.id ?? []) };
}

/** The run page's text for the refined threshold the labels give: the value, or "—" when they do not refine it. */
export function refinedText(state: ThresholdState): string {
  return state.source === "refined" ? formatThreshold(state.value) : "—";
}

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

export async function expectedThreshold(request: APIRequestContext, runId: string): Promise<{ state: ThresholdState; labelIds: string[] }> {
  const { queries } = await json<{ queries: LabelledQuery[] }>(request, `/api/runs/${runId}/labels`);
  const { run } = await json<{ run: { datasetId: string; threshold: number | null } }>(request, `/api/runs/${runId}`);
  const { dataset } = await json<{ dataset: { samplingRate: number } }>(request, `/api/datasets/${run.datasetId}`);
  const own = (await thresholds(request, runId)).find((t) => t.kind === "unsupervised");
  const scores = new Map<string, Float32Array>();
  for (const id of new Set(queries.map((q) => q.sequenceId))) {
    const body = await (await request.get(`/api/runs/${runId}/scores/${id}`)).body();
    scores.set(id, new Float32Array(new Uint8Array(body).buffer));
  }
  const { candidates, missing } = toLabelledCandidates(queries, scores);
  if (missing.length > 0) throw new Error(`No scores for ${missing.join(", ")}`);
  const state = thresholdFromLabels(candidates, own?.value ?? run.threshold, dataset.samplingRate);
  return { state, labelIds: queries.flatMap((q) => effectiveLabel(q)?.id ?? []) };
}

/** The run page's text for the refined threshold the labels give: the value, or "—" when they do not refine it. */
export function refinedText(state: ThresholdState): string {
  return state.source === "refined" ? formatThreshold(state.value) : "—";
}

import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { ErrorBody } from "../lib/errors";
import type { LabelledQuery } from "../lib/labelling/labels";
import type { CounterfactualCache } from "../lib/runs/counterfactuals";
import type { getDatasetDetail, listDatasets } from "../lib/server/datasets";
import type { createLabel } from "../lib/server/labels";
import type { RunRow } from "../lib/server/runs";
import type { listThresholds } from "../lib/server/thresholds";
import type { CurrentUser } from "../lib/server/auth";
import type { UserRow } from "../lib/server/users";
import type { ImportResult } from "../lib/validations/dataset-import";
import type { CreateLabelInput } from "../lib/validations/label";
import type { BatchView, CreateBatchInput } from "../lib/validations/query";
import type { CreateUserInput } from "../lib/validations/user";
import type { RunConfig, UpdateRunInput } from "../lib/validations/run";
import type { DetectorKind } from "../lib/detectors/types";

/**
 * The e2e tests' typed client of the app's API (the `api` and `apiAs` fixtures of e2e/fixtures.ts).
 * Response types are derived from what the route handlers return — the lib/server functions' results
 * and the shared request/response types of lib/validations that components/api-client.ts reads — as
 * they arrive over JSON (dates become strings). A call that is not answered as expected fails the
 * test there, naming the method, the URL, the status and the server's message.
 */

/** A value as JSON carries it: dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? never
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type DatasetItem = Wire<Awaited<ReturnType<typeof listDatasets>>[number]>;
export type DatasetDetail = Wire<Awaited<ReturnType<typeof getDatasetDetail>>>;
export type SequenceItem = DatasetDetail["sequences"][number];
export type RunView = Wire<RunRow>;
export type BatchesBody = { batches: Wire<BatchView>[]; queriedKeys: string[] };
export type ThresholdPage = Wire<Awaited<ReturnType<typeof listThresholds>>>;
export type LabelAnswer = Wire<Omit<Awaited<ReturnType<typeof createLabel>>, "created">>;
export type UserView = Wire<UserRow>;
export type ApiError = ErrorBody["error"];

/** The demo dataset made by the demo seed (prisma/seed.ts). */
export const DEMO_DATASET = "PATH demo (EV powertrain)";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** What Playwright sends as a request body: JSON for values, bytes as they are. */
type Body = NonNullable<Parameters<APIRequestContext["fetch"]>[1]>["data"];

/** The JSON body of a response, or null when there is none (a 204) or it is not JSON. */
async function bodyOf(response: APIResponse): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * The JSON body of a response the test has already checked (its status), typed as the route answers —
 * a type from this module, or one the route handler declares — in place of `(await r.json()) as {…}`.
 */
export async function jsonOf<T>(response: APIResponse): Promise<T> {
  return (await bodyOf(response)) as T;
}

/** The `{ error }` of a refusal, typed. */
export async function errorOf(response: APIResponse): Promise<ApiError> {
  const body = (await bodyOf(response)) as ErrorBody | null;
  if (!body?.error) throw new Error(`${response.url()}: ${response.status()} without an error body`);
  return body.error;
}

/**
 * A JSON answer the test needs, typed: the GET must succeed (else the test fails here, naming the URL
 * and the status), instead of `(await (await request.get(url)).json()) as T` in every spec.
 */
export async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  return new Api(request).get<T>(url);
}

export class Api {
  constructor(readonly request: APIRequestContext) {}

  /** Sends `data` (JSON, or bytes as they are) and expects `status` (by default: any 2xx); answers the JSON body. */
  async send<T>(method: Method, url: string, data?: unknown, status?: number): Promise<T> {
    const bytes = data instanceof Uint8Array;
    const response = await this.request.fetch(url, {
      method,
      data: (bytes ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : data) as Body,
      headers: bytes ? { "content-type": "application/octet-stream" } : undefined,
    });
    const ok = status === undefined ? response.ok() : response.status() === status;
    if (!ok) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
    return (await bodyOf(response)) as T;
  }

  get<T>(url: string): Promise<T> {
    return this.send<T>("GET", url);
  }

  /** The bytes of a successful GET (scores, weights, exports). */
  async bytes(url: string): Promise<ArrayBuffer> {
    const response = await this.request.get(url);
    if (!response.ok()) throw new Error(`GET ${url}: ${response.status()} ${await response.text()}`);
    return new Uint8Array(await response.body()).buffer;
  }

  /** For readers that take any client (e2e/expected-threshold.ts). */
  json<T>(url: string): Promise<T> {
    return this.get<T>(url);
  }

  me(): Promise<{ user: CurrentUser }> {
    return this.get("/api/auth/me");
  }

  async datasets(): Promise<DatasetItem[]> {
    return (await this.get<{ datasets: DatasetItem[] }>("/api/datasets")).datasets;
  }

  /** The dataset of that name (it must be visible to this user). */
  async datasetNamed(name: string): Promise<DatasetItem> {
    const found = (await this.datasets()).find((d) => d.name === name);
    if (!found) throw new Error(`No dataset named "${name}" for this user`);
    return found;
  }

  /**
   * The demo seed's finished run of the linear detector on the demo dataset (the first linear run on
   * it), with real scores. The seed gives it no batch and no label; labelling.spec.ts adds its batches
   * to it and owns them (their labels move its threshold), so other specs that query make runs of their own.
   */
  async seededRun(): Promise<RunView> {
    const demo = await this.datasetNamed(DEMO_DATASET);
    // The API lists runs newest first.
    const seeded = (await this.runs(demo.id)).filter((r) => r.detector === "linear" && r.status === "complete").at(-1);
    if (!seeded) throw new Error("The demo seed's linear run is missing: reset the e2e database (e2e/serve.sh does)");
    return seeded;
  }

  dataset(id: string): Promise<DatasetDetail> {
    return this.get(`/api/datasets/${id}`);
  }

  async runs(datasetId: string): Promise<RunView[]> {
    return (await this.get<{ runs: RunView[] }>(`/api/runs?datasetId=${datasetId}`)).runs;
  }

  async run(id: string): Promise<RunView> {
    return (await this.get<{ run: RunView }>(`/api/runs/${id}`)).run;
  }

  /** The counterfactuals cached for a sequence of a TimeVQVAE-AD run. */
  counterfactuals(runId: string, sequenceId: string): Promise<CounterfactualCache> {
    return this.get(`/api/runs/${runId}/counterfactuals?sequenceId=${encodeURIComponent(sequenceId)}`);
  }

  async createRun(datasetId: string, detector: DetectorKind, config: RunConfig): Promise<string> {
    return (await this.send<{ run: RunView }>("POST", "/api/runs", { datasetId, detector, config }, 201)).run.id;
  }

  async patchRun(id: string, patch: UpdateRunInput): Promise<RunView> {
    return (await this.send<{ run: RunView }>("PATCH", `/api/runs/${id}`, patch, 200)).run;
  }

  batches(runId: string): Promise<BatchesBody> {
    return this.get(`/api/runs/${runId}/batches`);
  }

  /** Stores a batch of picks; answers its queries' ids in rank order. */
  async createBatch(runId: string, input: CreateBatchInput): Promise<{ batchId: string; queryIds: string[] }> {
    const { batch } = await this.send<{ batch: { id: string } }>("POST", `/api/runs/${runId}/batches`, input, 201);
    const stored = (await this.batches(runId)).batches.find((b) => b.id === batch.id);
    return { batchId: batch.id, queryIds: stored?.queries.map((q) => q.id) ?? [] };
  }

  /**
   * A "random" batch of these whole sequences, ranked in the order given (picks a test chooses by
   * hand); answers the queries' ids in that order.
   */
  async wholeSequenceBatch(runId: string, sequences: readonly { id: string; length: number }[], seed = 1): Promise<string[]> {
    const picks = sequences.map((s, rank) => ({ key: `${s.id}:0-${s.length}`, rank, reason: "e2e pick" }));
    const input = { strategy: "random" as const, budget: picks.length, seed, segmentLength: null, threshold: null, picks };
    return (await this.createBatch(runId, input)).queryIds;
  }

  async labels(runId: string): Promise<Wire<LabelledQuery>[]> {
    return (await this.get<{ queries: Wire<LabelledQuery>[] }>(`/api/runs/${runId}/labels`)).queries;
  }

  label(input: CreateLabelInput, status = 201): Promise<LabelAnswer> {
    return this.send("POST", "/api/labels", input, status);
  }

  thresholds(runId: string, query = ""): Promise<ThresholdPage> {
    return this.get(`/api/runs/${runId}/thresholds${query ? `?${query}` : ""}`);
  }

  async createUser(input: CreateUserInput): Promise<UserView> {
    return (await this.send<{ user: UserView }>("POST", "/api/admin/users", input, 201)).user;
  }

  async users(): Promise<UserView[]> {
    return (await this.get<{ users: UserView[] }>("/api/admin/users")).users;
  }

  assign(datasetId: string, userIds: string[]): Promise<unknown> {
    return this.send("PUT", `/api/datasets/${datasetId}/assignments`, { userIds }, 200);
  }

  /** Uploads one CSV through the staged upload and imports it; answers the import's result. */
  async importCsv(mapping: Record<string, unknown>, csv: string | Buffer, fileName = "data.csv"): Promise<ImportResult> {
    const body = typeof csv === "string" ? Buffer.from(csv) : csv;
    const { uploadId } = await this.send<{ uploadId: string }>(
      "POST",
      "/api/datasets/uploads",
      { mapping, files: [{ name: fileName, size: body.length }] },
      201,
    );
    const put = await this.request.put(`/api/datasets/uploads/${uploadId}/files/0`, {
      data: body,
      headers: { "content-type": "text/csv" },
    });
    if (put.status() !== 200) throw new Error(`PUT upload file: ${put.status()} ${await put.text()}`);
    return this.send<ImportResult>("POST", `/api/datasets/uploads/${uploadId}/import`, {}, 201);
  }
}

import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse, BrowserContext } from "@playwright/test";
import { completeRun, createRun, createTinyDataset, signedInContext } from "./api-helpers";
import { timestampedCsvMapping } from "./column-split-upload";
import { apiCases, type ApiCase, type CorpusWorld } from "./corpus-api";
import { UPLOAD_CASES, type UploadCase } from "./corpus-uploads";
import { snapshotDb, type DbSnapshot } from "./db-snapshot";
import { expect, test } from "./fixtures";
import { getJson, jsonOf, type LabelAnswer } from "./api";

/**
 * Trust, item 6: a corpus of malformed uploads and malformed API bodies. Each must be answered with
 * its 4xx and a message naming the problem — never a 500 — and leave the database as it was: every
 * table's row count and checksum (e2e/db-snapshot.ts) is compared before and after each case.
 *
 * @alone: the checksums cover the whole database, so no other test may write to it meanwhile;
 * scripts/e2e.sh and scripts/test-postgres.sh run these tests in their first, one-worker pass.
 */

type ErrorJson = { error?: { code?: string; message?: string; details?: { code?: string } } };

async function errorOf(response: APIResponse): Promise<ErrorJson["error"] & { raw: string }> {
  const raw = await response.text();
  let parsed: ErrorJson = {};
  try {
    parsed = JSON.parse(raw) as ErrorJson;
  } catch {
    // Not JSON: the assertion on the message shows the raw text.
  }
  return { ...parsed.error, raw };
}

/** Runs `act` and fails unless every table has the rows and checksum it had before. */
async function expectUnchanged(what: string, act: () => Promise<void>): Promise<void> {
  const before: DbSnapshot = await snapshotDb();
  await act();
  expect(await snapshotDb(), `the database after: ${what}`).toEqual(before);
}

async function expectRefused(response: APIResponse, status: number, message: string, what: string): Promise<ErrorJson["error"]> {
  const error = await errorOf(response);
  expect.soft(response.status(), `${what}: ${error.message ?? error.raw}`).toBe(status);
  expect.soft(error.message ?? error.raw, what).toContain(message);
  return error;
}

/** One upload case through the API the upload page uses; the staged upload is removed at the end. */
async function runUpload(admin: APIRequestContext, c: UploadCase): Promise<void> {
  const mapping = { ...timestampedCsvMapping(`Corpus ${randomUUID().slice(0, 8)}`), ...c.mapping };
  const bodies = c.files.map((f) => (typeof f.body === "string" ? Buffer.from(f.body) : f.body));
  const files = c.files.map((f, i) => ({ name: f.name, size: f.announced ?? bodies[i]?.length ?? 0 }));
  const created = await admin.post("/api/datasets/uploads", { data: { mapping, files } });
  if (c.step === "create") {
    await expectRefused(created, c.status, c.message, c.name);
    return;
  }
  expect(created.status(), `${c.name}: ${await created.text()}`).toBe(201);
  const { uploadId } = await jsonOf<{ uploadId: string }>(created);
  try {
    for (const [i, body] of bodies.entries()) {
      if (c.skipPut) break;
      const put = await admin.put(`/api/datasets/uploads/${uploadId}/files/${c.putIndex ?? i}`, {
        data: body,
        headers: { "content-type": "text/csv" },
      });
      if (c.step === "put") {
        await expectRefused(put, c.status, c.message, c.name);
        return;
      }
      expect(put.status(), `${c.name}: ${await put.text()}`).toBe(200);
    }
    const imported = await admin.post(`/api/datasets/uploads/${uploadId}/import`, { data: {} });
    const error = await expectRefused(imported, c.status, c.message, c.name);
    if (c.code) expect.soft(error?.details?.code, c.name).toBe(c.code);
  } finally {
    await admin.delete(`/api/datasets/uploads/${uploadId}`);
  }
}

async function send(context: APIRequestContext, c: ApiCase): Promise<APIResponse> {
  const headers: Record<string, string> = c.type ? { "content-type": c.type } : {};
  // A raw string goes as its bytes: given a string and a JSON content type, Playwright would encode one
  // that is not valid JSON as a JSON string, turning "invalid JSON" into a valid (wrong-shaped) body.
  const data = typeof c.raw === "string" ? Buffer.from(c.raw) : (c.raw ?? c.body);
  return context.fetch(c.url, { method: c.method, headers, ...(data === undefined ? {} : { data: data as string | Buffer | object }) });
}

/** Two small datasets, a complete and a running run, a batch with the expert's label: every id real. */
async function buildWorld(admin: APIRequestContext, expert: APIRequestContext): Promise<CorpusWorld> {
  const a = await createTinyDataset(admin);
  const b = await createTinyDataset(admin);
  const complete = await createRun(admin, a.datasetId);
  await completeRun(admin, complete, a.sequences);
  const running = await createRun(admin, a.datasetId);
  const { users } = await getJson<{ users: { id: string; email: string }[] }>(admin, "/api/admin/users");
  const idOf = (email: string) => users.find((u) => u.email === email)?.id ?? "";
  const [adminId, expertId] = [idOf("admin@dqs.local"), idOf("expert@dqs.local")];
  const assigned = await admin.put(`/api/datasets/${a.datasetId}/assignments`, { data: { userIds: [expertId] } });
  expect(assigned.status(), await assigned.text()).toBe(200);
  const first = a.sequences[0];
  if (!first) throw new Error("the tiny dataset has no sequence");
  const queryKey = `${first.id}:0-${first.length}`;
  const batch = await admin.post(`/api/runs/${complete}/batches`, {
    data: {
      strategy: "top",
      budget: 1,
      seed: 1,
      segmentLength: null,
      threshold: null,
      picks: [{ key: queryKey, rank: 0, reason: "corpus" }],
    },
  });
  expect(batch.status(), await batch.text()).toBe(201);
  const { batches } = await getJson<{ batches: { queries: { id: string }[] }[] }>(admin, `/api/runs/${complete}/batches`);
  const queryId = batches[0]?.queries[0]?.id ?? "";
  const labelled = await expert.post("/api/labels", { data: { clientId: randomUUID(), queryId, anomalous: false, note: "" } });
  expect(labelled.status(), await labelled.text()).toBe(201);
  const { label } = await jsonOf<LabelAnswer>(labelled);
  return {
    datasetA: a.datasetId,
    datasetAName: a.name,
    seqA: a.sequences,
    datasetB: b.datasetId,
    seqB: b.sequences,
    complete,
    running,
    queryId,
    queryKey,
    labelId: label.id,
    adminId,
    expertId,
  };
}

test.describe("malformed input corpus @alone", () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  test(`${UPLOAD_CASES.length} malformed uploads: each refused with its 4xx and message, the database unchanged`, async ({ browser }) => {
    expect(UPLOAD_CASES.length).toBeGreaterThanOrEqual(50);
    const admin = await signedInContext(browser, "admin");
    contexts.push(admin);
    for (const c of UPLOAD_CASES) await expectUnchanged(c.name, () => runUpload(admin.request, c));
  });

  test("malformed API bodies: each refused with its 4xx and message, the database unchanged", async ({ browser }) => {
    const admin = await signedInContext(browser, "admin");
    const expert = await signedInContext(browser, "expert");
    contexts.push(admin, expert);
    const world = await buildWorld(admin.request, expert.request);
    const cases = apiCases(world);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    let beat = 0;
    for (const c of cases) {
      // Keep the running run alive (a run silent for 45 s is marked interrupted on the next read).
      if (Date.now() - beat > 10_000) {
        const heartbeat = await admin.request.patch(`/api/runs/${world.running}`, { data: {} });
        expect(heartbeat.status(), await heartbeat.text()).toBe(200);
        beat = Date.now();
      }
      await expectUnchanged(c.name, async () => {
        await expectRefused(await send((c.as === "expert" ? expert : admin).request, c), c.status, c.message, c.name);
      });
    }
  });
});

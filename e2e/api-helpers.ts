import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { encodeFrame } from "../lib/binary-frame";
import { USERS, type DemoRole } from "./fixtures";
import { getJson } from "./api";

/**
 * API-level helpers for the security and access tests: sign in without the form, make a user, a tiny
 * dataset of its own and a complete (all-zero) run on it — so these tests touch nothing the other
 * specs rely on.
 */

/** A password the policy accepts. */
export const GOOD_PASSWORD = "e2e-Security-pw-1";

/**
 * A client address of the IPv6 documentation prefix, different on every call, sent as X-Forwarded-For
 * (which the app reads as the client's address), so each test has the sign-in rate limit to itself.
 */
export function testAddress(): string {
  const group = () => Math.floor(Math.random() * 0xffff).toString(16);
  return `2001:db8::${group()}:${group()}:${group()}`;
}

export async function signInApi(request: APIRequestContext, email: string, password: string, address = testAddress()) {
  return request.post("/api/auth/signin", { data: { email, password }, headers: { "x-forwarded-for": address } });
}

/** A fresh browser context signed in through the API as a demo role or the given account. */
export async function signedInContext(browser: Browser, who: DemoRole | { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const { email, password } = typeof who === "string" ? USERS[who] : who;
  const response = await signInApi(context.request, email, password);
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

/** A new user (by an admin's request context); returns its id, email and password. */
export async function createUser(admin: APIRequestContext, role: DemoRole, password = GOOD_PASSWORD) {
  const email = `sec-${randomUUID().slice(0, 8)}@dqs.local`;
  const response = await admin.post("/api/admin/users", { data: { email, name: `Sec ${role}`, password, role } });
  expect(response.status(), await response.text()).toBe(201);
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, email, password };
}

export type TinySequence = { id: string; length: number; split: string };

/** A dataset of three short sequences of `steps` steps (one CSV with a sequence column), imported through the API. */
export async function createTinyDataset(
  admin: APIRequestContext,
  steps = 40,
): Promise<{ datasetId: string; name: string; sequences: TinySequence[] }> {
  const name = `Security e2e ${randomUUID().slice(0, 8)}`;
  const lines = ["seq,a,b"];
  for (const seq of ["s1", "s2", "s3"]) for (let i = 0; i < steps; i++) lines.push(`${seq},${Math.sin(i / 3).toFixed(4)},${(i % 7) / 7}`);
  const body = Buffer.from(`${lines.join("\n")}\n`);
  const mapping = {
    name,
    timestampColumn: null,
    samplingRate: 1,
    sequenceColumn: "seq",
    channels: ["a", "b"],
    labelColumn: null,
    targetRate: null,
    split: { kind: "ratios", train: 0.4, validation: 0.3, test: 0.3, seed: 1 },
    missing: "reject",
  };
  const created = await admin.post("/api/datasets/uploads", { data: { mapping, files: [{ name: "tiny.csv", size: body.length }] } });
  expect(created.status(), await created.text()).toBe(201);
  const { uploadId } = (await created.json()) as { uploadId: string };
  expect(
    (await admin.put(`/api/datasets/uploads/${uploadId}/files/0`, { data: body, headers: { "content-type": "text/csv" } })).status(),
  ).toBe(200);
  const imported = await admin.post(`/api/datasets/uploads/${uploadId}/import`);
  expect(imported.status(), await imported.text()).toBe(201);
  const { datasetId } = (await imported.json()) as { datasetId: string };
  const detail = await getJson<{ sequences: TinySequence[] }>(admin, `/api/datasets/${datasetId}`);
  return { datasetId, name, sequences: detail.sequences };
}

export async function createRun(admin: APIRequestContext, datasetId: string): Promise<string> {
  const config = { windowSize: 4, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };
  const response = await admin.post("/api/runs", { data: { datasetId, detector: "linear", config } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

/** A scores upload: the frame header, then float32 zeros for the score and each of `channels` channels. */
export function scoresFrame(sequenceId: string, length: number, channels: number, bodyBytes = length * (1 + channels) * 4): Buffer {
  return Buffer.from(encodeFrame({ sequenceId, length, channels }, new Uint8Array(bodyBytes)));
}

/** Scores every sequence with zeros and completes the run (threshold 1). */
export async function completeRun(admin: APIRequestContext, runId: string, sequences: TinySequence[]): Promise<void> {
  for (const s of sequences) {
    const put = await admin.put(`/api/runs/${runId}/scores`, {
      data: scoresFrame(s.id, s.length, 2),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(put.status(), await put.text()).toBe(204);
  }
  const done = await admin.patch(`/api/runs/${runId}`, { data: { status: "complete", threshold: 1 } });
  expect(done.status(), await done.text()).toBe(200);
}

import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { encodeFrame } from "../lib/binary-frame";
import { USERS, type DemoRole } from "./fixtures";
import { Api } from "./api";
import { csvMapping } from "./column-split-upload";
import { completeWithScores, STORED_RUN_CONFIG } from "./scored-run";

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
  const user = await new Api(admin).createUser({ email, name: `Sec ${role}`, password, role });
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
  const mapping = csvMapping(name, { channels: ["a", "b"], split: { kind: "ratios", train: 0.4, validation: 0.3, test: 0.3, seed: 1 } });
  const api = new Api(admin);
  const { datasetId } = await api.importCsv(mapping, `${lines.join("\n")}\n`, "tiny.csv");
  return { datasetId, name, sequences: (await api.dataset(datasetId)).sequences };
}

export async function createRun(admin: APIRequestContext, datasetId: string): Promise<string> {
  return new Api(admin).createRun(datasetId, "linear", { ...STORED_RUN_CONFIG, windowSize: 4 });
}

/** A scores upload: the frame header, then float32 zeros for the score and each of `channels` channels. */
export function scoresFrame(sequenceId: string, length: number, channels: number, bodyBytes = length * (1 + channels) * 4): Buffer {
  return Buffer.from(encodeFrame({ sequenceId, length, channels }, new Uint8Array(bodyBytes)));
}

/** Scores every sequence with zeros (and its two channels) and completes the run (threshold 1). */
export async function completeRun(admin: APIRequestContext, runId: string, sequences: TinySequence[]): Promise<void> {
  const zeros = (s: TinySequence) => new Float32Array(s.length);
  await completeWithScores(new Api(admin), runId, sequences, (s) => ({ score: zeros(s), channelScores: [zeros(s), zeros(s)] }), 1);
}

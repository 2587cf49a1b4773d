/**
 * ALOE in the app: a run with labelled queries shows the contamination estimate, and an admin
 * refines the detector with those labels into a child run that is trained and scored in the browser,
 * completes, takes its threshold from the parent's labels and is compared with its parent.
 * The parent is a linear run stored through the API (its weights fitted here in Node, its scores the
 * real scores of those weights), so the refit in the browser is fast.
 */
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { encodeFrame } from "../lib/binary-frame";
import { resolveLinearConfig } from "../lib/detectors/config";
import { LinearDetector } from "../lib/detectors/linear";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../lib/preprocess";
import { getJson } from "./api";
import { createUser, signedInContext } from "./api-helpers";
import { columnSplitUpload } from "./column-split-upload";
import { expect, test } from "./fixtures";

const LENGTH = 40;
const PERIOD = 5;
const NAMES = Array.from({ length: 8 }, (_, k) => `r${k}`);

async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>, status: number): Promise<unknown> {
  if (response.status() !== status) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
  return response.json().catch(() => null);
}

const binary = { "content-type": "application/octet-stream" };

type Sequence = { id: string; name: string; length: number; split: string };

/**
 * A complete linear run stored through the API on a fresh one-channel dataset (sequence k: (i mod 5)
 * + k; the first in train, the others in validation): weights fitted here in Node, scores the real
 * scores of those weights, the unsupervised threshold the largest validation score.
 */
async function linearParent(
  admin: APIRequestContext,
): Promise<{ datasetId: string; sequences: Sequence[]; parentId: string; unsupervised: number }> {
  const { csv, mapping } = columnSplitUpload(`Refine ${randomUUID().slice(0, 8)}`, NAMES, LENGTH, PERIOD);
  const { uploadId } = (await ok(
    await admin.post("/api/datasets/uploads", { data: { mapping, files: [{ name: "r.csv", size: Buffer.byteLength(csv) }] } }),
    201,
  )) as { uploadId: string };
  await ok(
    await admin.put(`/api/datasets/uploads/${uploadId}/files/0`, { data: Buffer.from(csv), headers: { "content-type": "text/csv" } }),
    200,
  );
  const { datasetId } = (await ok(await admin.post(`/api/datasets/uploads/${uploadId}/import`, { data: {} }), 201)) as {
    datasetId: string;
  };
  const { sequences } = await getJson<{ sequences: Sequence[] }>(admin, `/api/datasets/${datasetId}`);
  const raw = (k: number) => [Float32Array.from({ length: LENGTH }, (_, i) => (i % PERIOD) + k)];
  const stats = createChannelStats(1);
  updateChannelStats(stats, raw(0));
  const z = finishChannelStats(stats);
  const detector = new LinearDetector(resolveLinearConfig({ features: 1, windowSize: 16, seed: 1 }));
  await detector.train({ train: [zscore(raw(0), z)], validation: [] });
  const config = { windowSize: 16, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };
  const parentId = (
    (await ok(await admin.post("/api/runs", { data: { datasetId, detector: "linear", config } }), 201)) as { run: { id: string } }
  ).run.id;
  const saved = await detector.save();
  const weights = encodeFrame({ kind: saved.kind, config: saved.config, specs: saved.specs }, saved.data);
  expect((await admin.put(`/api/runs/${parentId}/weights`, { data: Buffer.from(weights), headers: binary })).status()).toBe(204);
  let unsupervised = -Infinity;
  for (const s of sequences) {
    const scored = await detector.score(zscore(raw(NAMES.indexOf(s.name)), z));
    if (s.split === "validation") unsupervised = Math.max(unsupervised, ...scored.score);
    const body = new Float32Array(2 * LENGTH);
    body.set(scored.score);
    body.set(scored.channelScores[0]!, LENGTH);
    const frame = encodeFrame({ sequenceId: s.id, length: LENGTH, channels: 1 }, new Uint8Array(body.buffer));
    expect((await admin.put(`/api/runs/${parentId}/scores`, { data: Buffer.from(frame), headers: binary })).status()).toBe(204);
  }
  await ok(await admin.patch(`/api/runs/${parentId}`, { data: { status: "complete", threshold: unsupervised } }), 200);
  return { datasetId, sequences, parentId, unsupervised };
}

test("an admin refines a run with its labels: the child run appears, finishes and is compared with its parent @loop", async ({
  page,
  session,
  browser,
}) => {
  test.setTimeout(4 * 60_000);
  await session.signInAs("admin");
  const admin = page.request;
  const { datasetId, sequences, parentId, unsupervised } = await linearParent(admin);

  // A random batch over the validation pool, each pick with its draw probability: 1 / (open candidates).
  const pool = sequences.filter((s) => s.split === "validation");
  const picks = pool
    .slice(0, 4)
    .map((s, rank) => ({ key: `${s.id}:0-${s.length}`, rank, reason: "random", probability: 1 / (pool.length - rank) }));
  await ok(
    await admin.post(`/api/runs/${parentId}/batches`, {
      data: { strategy: "random", budget: picks.length, seed: 1, segmentLength: null, threshold: null, picks, poolSize: pool.length },
    }),
    201,
  );
  const { batches } = await getJson<{ batches: { queries: { id: string; sequenceName: string }[] }[] }>(
    admin,
    `/api/runs/${parentId}/batches`,
  );
  const queries = batches[0]!.queries;
  // An expert labels them: the two sequences furthest from the training one (offsets 6 and 7) anomalous from step 10.
  const expert = await createUser(admin, "expert");
  await ok(await admin.put(`/api/datasets/${datasetId}/assignments`, { data: { userIds: [expert.id] } }), 200);
  const expertContext = await signedInContext(browser, expert);
  const anomalous = new Set(queries.slice(0, 2).map((q) => q.id));
  for (const q of queries) {
    const isAnomalous = anomalous.has(q.id);
    await ok(
      await expertContext.request.post("/api/labels", {
        data: { clientId: randomUUID(), queryId: q.id, anomalous: isAnomalous, onset: isAnomalous ? 10 : null, note: "" },
      }),
      201,
    );
  }

  // The run page: the estimate from the 4 labels (2 anomalous, drawn at probabilities 1/7, 1/6, 1/5, 1/4).
  // Raj's terms: 0 + 1·7 = 7, 1 + 1·6 = 7, 2 + 0 = 2, 2 + 0 = 2 → mean 4.5 anomalies of 7: α̂ = 64.3 %.
  await page.goto(`/runs/${parentId}`);
  await expect(page.getByTestId("refine.contamination")).toContainText("64.3 %");
  await expect(page.getByTestId("refine.contamination")).toContainText("Labelled fraction (biased by the strategy): 50.0 %");
  await expect(page.getByTestId("refine.alpha")).toHaveValue("0.500"); // α̂ clamped to at most 0.5
  await page.getByTestId("refine.alpha").fill("0.1");
  await page.getByTestId("refine.start").click();
  await expect(page.getByTestId("refine.progress")).toHaveAttribute("data-phase", "complete", { timeout: 120_000 });
  await page.getByTestId("refine.childLink").click();
  // The parent's page also says "complete": wait for the child's address before reading it.
  await page.waitForURL((url) => /\/runs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(`/runs/${parentId}`));

  // The child: complete, linked to its parent, with a threshold from the parent's labels, compared side by side.
  await expect(page.getByTestId("runpage.status")).toHaveText("complete");
  const childId = new URL(page.url()).pathname.split("/runs/")[1]!;
  expect(childId).not.toBe(parentId);
  const { run } = await getJson<{ run: { parentRunId: string | null } }>(admin, `/api/runs/${childId}`);
  expect(run.parentRunId).toBe(parentId);
  const { thresholds } = await getJson<{ thresholds: { kind: string; labelCount: number }[] }>(admin, `/api/runs/${childId}/thresholds`);
  expect(thresholds.find((t) => t.kind === "refined" || t.kind === "withdrawn")?.labelCount).toBe(4);
  const comparison = page.getByTestId("refine.comparison");
  await expect(comparison).toContainText("4 labelled stretches");
  await expect(page.getByTestId("refine.row")).toHaveCount(8);
  const row = (name: string) => page.locator(`[data-testid="refine.row"][data-name="${name}"]`);
  await expect(row("Unsupervised threshold").getByTestId("refine.parent")).toHaveText(unsupervised.toFixed(3));
  await expect(row("Unsupervised threshold").getByTestId("refine.child")).toHaveText(/^-?\d+\.\d{3}$/);
  await expect(row("Mean peak score, labelled anomalous").getByTestId("refine.child")).toHaveText(/^-?\d+\.\d{3}$/);

  // Labels belong to the data: a label given on the parent after the child exists refines the child's threshold too.
  const fifth = pool[4]!;
  await ok(
    await admin.post(`/api/runs/${parentId}/batches`, {
      data: {
        strategy: "random",
        budget: 1,
        seed: 2,
        segmentLength: null,
        threshold: null,
        picks: [{ key: `${fifth.id}:0-${fifth.length}`, rank: 0, reason: "random", probability: 1 / (pool.length - 4) }],
        poolSize: pool.length,
      },
    }),
    201,
  );
  const later = await getJson<{ batches: { queries: { id: string }[] }[] }>(admin, `/api/runs/${parentId}/batches`);
  const fifthQuery = later.batches.flatMap((b) => b.queries).find((q) => !queries.some((old) => old.id === q.id))!;
  await ok(
    await expertContext.request.post("/api/labels", {
      data: { clientId: randomUUID(), queryId: fifthQuery.id, anomalous: false, onset: null, note: "" },
    }),
    201,
  );
  await expertContext.close();
  const after = await getJson<{ thresholds: { kind: string; labelCount: number }[] }>(admin, `/api/runs/${childId}/thresholds`);
  expect(after.thresholds.find((t) => t.kind === "refined" || t.kind === "withdrawn")?.labelCount).toBe(5);
});

test("an admin asks for an aloe-kmeans batch in the app: the detector embeds the candidates, each pick has its draw probability, and the estimate reads them @loop", async ({
  page,
  session,
  browser,
}) => {
  test.setTimeout(3 * 60_000);
  await session.signInAs("admin");
  const admin = page.request;
  const { datasetId, sequences, parentId } = await linearParent(admin);
  const pool = sequences.filter((s) => s.split === "validation");

  await page.goto(`/runs/${parentId}`);
  await page.getByTestId("query.strategy").selectOption("aloe-kmeans");
  await page.getByTestId("query.budget").fill("4");
  await page.getByTestId("query.segment").fill("");
  await page.getByTestId("query.submit").click();
  await expect(page.getByTestId("query.status")).toContainText("Queued 4", { timeout: 60_000 });

  // The stored picks: the most central one first (probability 1), then three draws with probabilities in (0, 1).
  const { batches } = await getJson<{
    batches: { strategy: string; queries: { id: string; sequenceName: string; probability: number | null }[] }[];
  }>(admin, `/api/runs/${parentId}/batches`);
  expect(batches).toHaveLength(1);
  expect(batches[0]!.strategy).toBe("aloe-kmeans");
  const queries = batches[0]!.queries;
  expect(queries.map((q) => q.probability)[0]).toBe(1);
  for (const q of queries.slice(1)) {
    expect(q.probability).toBeGreaterThan(0);
    expect(q.probability).toBeLessThan(1);
  }
  // The batch list shows them.
  const shown = page.getByTestId("batch").getByTestId("batch.query.probability");
  await expect(shown).toHaveCount(4);
  await expect(shown.first()).toHaveText("1.00");
  await expect(shown.nth(1)).toHaveAttribute("data-probability", String(queries[1]!.probability));

  // An expert labels them: the three sequences furthest from the training one (offsets 5–7) anomalous from step 10.
  const expert = await createUser(admin, "expert");
  await ok(await admin.put(`/api/datasets/${datasetId}/assignments`, { data: { userIds: [expert.id] } }), 200);
  const expertContext = await signedInContext(browser, expert);
  const isAnomalous = (name: string) => ["r5", "r6", "r7"].includes(name);
  for (const q of queries) {
    const anomalous = isAnomalous(q.sequenceName);
    await ok(
      await expertContext.request.post("/api/labels", {
        data: { clientId: randomUUID(), queryId: q.id, anomalous, onset: anomalous ? 10 : null, note: "" },
      }),
      201,
    );
  }
  await expertContext.close();

  // Raj's estimator over the random draws (probability < 1): (anomalies drawn before) + y / p, averaged, over the pool.
  let known = 0;
  const terms: number[] = [];
  for (const q of queries) {
    const y = isAnomalous(q.sequenceName) ? 1 : 0;
    if (q.probability! < 1) terms.push(known + y / q.probability!);
    known += y;
  }
  const expected = terms.reduce((a, b) => a + b, 0) / terms.length / pool.length;
  await page.reload();
  const estimate = page.getByTestId("refine.contamination");
  await expect(estimate).toContainText(`${(100 * expected).toFixed(1)} %`);
  await expect(estimate).toContainText(`from 4 labelled queries (3 drawn at random) of a pool of ${pool.length}`);
  expect(Number(await estimate.getAttribute("data-estimate"))).toBeCloseTo(expected, 9);
});

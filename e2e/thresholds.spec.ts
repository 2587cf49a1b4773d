import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse, Browser, Page } from "@playwright/test";
import { formatThreshold } from "../lib/labelling/labels";
import { columnSplitUpload } from "./column-split-upload";
import { expectedThreshold, refinedText, storedFromLabels, thresholds } from "./expected-threshold";
import { expect, Session, test } from "./fixtures";
import { Api, type LabelAnswer, type ThresholdPage, jsonOf } from "./api";
import { storeScoredRun } from "./scored-run";

/**
 * The server owns the threshold. On a small dataset uploaded here, with a run whose scores are put
 * through the API (no training: this spec also runs against PostgreSQL), two experts label at once;
 * the threshold the server stored after the last change must be what thresholdFromLabels gives for
 * the stored labels. Nobody can post a threshold; an admin sets a manual one with a reason.
 */
const LENGTH = 30;
const ONSET = 15;
const UNSUPERVISED = 9;
const shared = { runId: "", datasetId: "", queries: {} as Record<string, string>, experts: [] as { email: string; password: string }[] };

/** s1–s3 rise to 4 + k from step 15 (anomalous-looking); s4–s7 are flat with one bump of 2 + k/4 at step 5. */
function scoreOf(name: string): Float32Array {
  const k = Number(name.slice(1));
  const score = new Float32Array(LENGTH).fill(1 + 0.05 * k);
  if (k >= 1 && k <= 3) score.fill(4 + k, ONSET);
  if (k >= 4) score[5] = 2 + 0.25 * k;
  return score;
}

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new Session(page).signIn(email, password);
  await expect(page).toHaveURL(/\/queue$/);
  return page;
}

type Label = { sequence: string; anomalous: boolean };
const label = (request: APIRequestContext, l: Label) =>
  request.post("/api/labels", {
    data: {
      clientId: randomUUID(),
      queryId: shared.queries[l.sequence],
      anomalous: l.anomalous,
      onset: l.anomalous ? ONSET : null,
      note: "",
    },
  });

/** The stored threshold of the labels is exactly the one thresholdFromLabels gives for the stored labels. */
async function expectStoredMatchesLabels(request: APIRequestContext) {
  const expected = await expectedThreshold(request, shared.runId);
  const stored = await storedFromLabels(request, shared.runId);
  expect(stored?.kind).toBe(expected.state.source === "refined" ? "refined" : "withdrawn");
  expect(stored?.value).toBeCloseTo(expected.state.value ?? Number.NaN, 9);
  expect(stored?.labelCount).toBe(expected.state.labelCount);
  expect(stored?.labelIds).toEqual(expected.labelIds);
  if (expected.state.source === "refined") {
    expect(stored?.placement).toBe(expected.state.placement);
    expect(stored?.interval).toEqual(expected.state.interval);
    expect(stored?.normalAlarmShare).toBe(expected.state.normalAlarmShare);
  }
  return expected.state;
}

test.describe.serial("the server owns the threshold", () => {
  test("an admin uploads a small dataset, stores a run's scores, queues its sequences and assigns two experts", async ({
    session,
    api,
  }) => {
    await session.signInAs("admin");
    const names = Array.from({ length: 8 }, (_, k) => `s${k}`);
    const { csv, mapping } = columnSplitUpload(`Thresholds ${Date.now()}`, names, LENGTH, 3);
    shared.datasetId = (await api.importCsv(mapping, csv, "t.csv")).datasetId;
    const { sequences } = await api.dataset(shared.datasetId);
    expect(sequences.map((s) => s.name).sort()).toEqual(names);
    shared.runId = await storeScoredRun(api, shared.datasetId, sequences, (s) => scoreOf(s.name), UNSUPERVISED);

    const queryIds = await api.wholeSequenceBatch(shared.runId, sequences);
    shared.queries = Object.fromEntries(sequences.map((s, rank) => [s.name, queryIds[rank] ?? ""]));
    expect(Object.keys(shared.queries).sort()).toEqual(names);

    const stamp = Date.now();
    const ids: string[] = [];
    for (const who of ["tina", "theo"]) {
      const expert = { email: `${who}-${stamp}@dqs.local`, password: `${who}-demo-pw-1` };
      ids.push((await api.createUser({ ...expert, name: `${who} ${stamp}`, role: "expert" })).id);
      shared.experts.push(expert);
    }
    await api.assign(shared.datasetId, ids);
  });

  test("two experts label the same run at once: the stored threshold matches the final labels", async ({ browser }) => {
    const [tina, theo] = await Promise.all(shared.experts.map((e) => signedIn(browser, e.email, e.password)));
    if (!tina || !theo) throw new Error("two experts");
    // Every request at once, one of them disagreeing with the other expert on s1.
    const wave = await Promise.all([
      ...[
        { sequence: "s1", anomalous: true },
        { sequence: "s4", anomalous: false },
        { sequence: "s5", anomalous: false },
      ].map((l) => label(tina.request, l)),
      ...[
        { sequence: "s2", anomalous: true },
        { sequence: "s6", anomalous: false },
        { sequence: "s7", anomalous: false },
        { sequence: "s1", anomalous: false },
      ].map((l) => label(theo.request, l)),
    ]);
    expect(wave.map((r) => r.status())).toEqual(Array(7).fill(201));
    const answered = await Promise.all(wave.map(async (r) => (await jsonOf<LabelAnswer>(r)).threshold?.version));
    // Each label was its own step of the run's threshold history.
    expect(new Set(answered).size).toBe(7);
    const state = await expectStoredMatchesLabels(tina.request);
    expect(state.labelCount).toBe(6);

    // Undo and label again, at once.
    const tinas = await new Api(tina.request).labels(shared.runId);
    const s5 = tinas.find((q) => q.queryId === shared.queries.s5)?.labels[0]?.clientId;
    const [undo, again] = await Promise.all([
      tina.request.delete(`/api/labels/${s5}`),
      label(theo.request, { sequence: "s3", anomalous: true }),
    ]);
    expect([undo.status(), again.status()]).toEqual([200, 201]);
    const after = await expectStoredMatchesLabels(theo.request);
    expect(after.labelCount).toBe(6);
    const history = (await thresholds(theo.request, shared.runId)).filter((t) => t.kind === "refined" || t.kind === "withdrawn");
    expect(history).toHaveLength(9);
    expect(new Set(history.map((t) => t.version)).size).toBe(9);

    // The run page shows exactly that.
    await tina.context().close();
    await theo.context().close();
    const admin = await (await browser.newContext()).newPage();
    await new Session(admin).signInAs("admin");
    await admin.goto(`/runs/${shared.runId}`);
    await expect(admin.getByTestId("runpage.refined")).toHaveText(refinedText(after));
    await expect(admin.getByTestId("runpage.inEffect")).toHaveAttribute(
      "data-kind",
      after.source === "refined" ? "refined" : "unsupervised",
    );
    await admin.context().close();
  });

  test("an expert or an analyst cannot store a threshold, and nothing changes", async ({ page, session, browser }) => {
    const expert = await signedIn(browser, shared.experts[0]?.email ?? "", shared.experts[0]?.password ?? "");
    const history = await thresholds(expert.request, shared.runId);
    const forged = { source: "refined", value: 1e308, f1: 1, precision: 1, recall: 1, labelCount: 1 };
    expect([403, 404, 405]).toContain((await expert.request.post(`/api/runs/${shared.runId}/thresholds`, { data: forged })).status());
    expect(
      (await expert.request.put(`/api/runs/${shared.runId}/manual-threshold`, { data: { value: 1e308, reason: "mine" } })).status(),
    ).toBe(403);
    await expert.context().close();

    await session.signInAs("analyst");
    expect([403, 404, 405]).toContain((await page.request.post(`/api/runs/${shared.runId}/thresholds`, { data: forged })).status());
    expect(
      (await page.request.put(`/api/runs/${shared.runId}/manual-threshold`, { data: { value: 1e308, reason: "mine" } })).status(),
    ).toBe(403);
    expect(await thresholds(page.request, shared.runId)).toEqual(history);
    await page.goto(`/runs/${shared.runId}`);
    await expect(page.getByTestId("runpage.manual")).toHaveText("—");
    await expect(page.getByTestId("manual")).toHaveCount(0);
  });

  test("an admin sets a manual threshold with a reason: it is in effect until cleared, and labels keep refining", async ({
    page,
    session,
    browser,
  }, testInfo) => {
    await session.signInAs("admin");
    expect((await page.request.put(`/api/runs/${shared.runId}/manual-threshold`, { data: { value: 2.5, reason: " " } })).status()).toBe(
      422,
    );
    await page.goto(`/runs/${shared.runId}`);
    await page.getByTestId("manual.value").fill("2.5");
    await page.getByTestId("manual.reason").fill("sensor recalibrated on site");
    await page.getByTestId("manual.set").click();
    await expect(page.getByTestId("manual.status")).toHaveText("Manual threshold set to 2.500.");
    await expect(page.getByTestId("runpage.manual")).toHaveText("2.500");
    await expect(page.getByTestId("runpage.manualReason")).toHaveText("sensor recalibrated on site");
    await expect(page.getByTestId("runpage.manualInfo")).toContainText("Ada Admin");
    await expect(page.getByTestId("runpage.inEffect")).toHaveText("2.500");
    await expect(page.getByTestId("runpage.inEffect")).toHaveAttribute("data-kind", "manual");
    await page.screenshot({ path: testInfo.outputPath("manual-threshold.png"), fullPage: true });
    const manual = (await thresholds(page.request, shared.runId))[0];
    expect(manual).toMatchObject({ kind: "manual", value: 2.5, reason: "sensor recalibrated on site", createdBy: "Ada Admin" });

    // A label still recomputes and stores the refined threshold; the manual one stays in effect.
    const expert = await signedIn(browser, shared.experts[0]?.email ?? "", shared.experts[0]?.password ?? "");
    const labelled = await label(expert.request, { sequence: "s0", anomalous: false });
    expect(labelled.status()).toBe(201);
    const state = await expectStoredMatchesLabels(expert.request);
    expect(state.labelCount).toBe(7);
    // The expert's labelling page shows the manual threshold as the one that applies.
    await expert.goto(`/queue/${shared.queries.s0}`);
    await expect(expert.getByTestId("threshold.manual")).toContainText("2.500");
    await expect(expert.getByTestId("threshold.manual")).toContainText("sensor recalibrated on site");
    await expert.context().close();
    await page.reload();
    await expect(page.getByTestId("runpage.inEffect")).toHaveAttribute("data-kind", "manual");
    await expect(page.getByTestId("runpage.refined")).toHaveText(refinedText(state));

    // Clearing it (with a reason) brings back what the labels say by now.
    await page.getByTestId("manual.reason").fill("recalibration undone");
    await page.getByTestId("manual.clear").click();
    await expect(page.getByTestId("manual.status")).toHaveText("Manual threshold cleared.");
    await expect(page.getByTestId("runpage.manual")).toHaveText("—");
    await expect(page.getByTestId("runpage.inEffect")).toHaveText(
      state.source === "refined" ? formatThreshold(state.value) : formatThreshold(UNSUPERVISED),
    );
    expect((await thresholds(page.request, shared.runId))[0]).toMatchObject({
      kind: "cleared",
      value: 2.5,
      reason: "recalibration undone",
    });
    expect(
      (await page.request.put(`/api/runs/${shared.runId}/manual-threshold`, { data: { value: null, reason: "again" } })).status(),
    ).toBe(409);
  });
  test("the threshold history is listed a page at a time, and every page together is the whole history", async ({ page, session }) => {
    await session.signInAs("analyst");
    const whole = await thresholds(page.request, shared.runId);
    expect(whole.length).toBeGreaterThan(10);
    const walked: typeof whole = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const response: APIResponse = await page.request.get(`/api/runs/${shared.runId}/thresholds?limit=4${next ? `&after=${next}` : ""}`);
      expect(response.status()).toBe(200);
      const body: ThresholdPage = await jsonOf<ThresholdPage>(response);
      expect(body.thresholds.length).toBeLessThanOrEqual(4);
      walked.push(...body.thresholds);
      next = body.next;
      pages++;
    } while (next !== null);
    expect(walked).toEqual(whole);
    expect(pages).toBe(Math.ceil(whole.length / 4));
    // Newest first: versions never rise down the list, and the unsupervised row (version 0) is last.
    expect(walked.every((t, i) => i === 0 || t.version <= (walked[i - 1]?.version ?? Infinity))).toBe(true);
    expect(walked.at(-1)?.kind).toBe("unsupervised");
    // Malformed paging is refused (422); a cursor that is not a threshold of this run is a 400.
    for (const bad of ["limit=0", "limit=1001", "limit=two", "after=nope-not-an-id!", "colour=red"]) {
      expect((await page.request.get(`/api/runs/${shared.runId}/thresholds?${bad}`)).status(), bad).toBe(422);
    }
    expect((await page.request.get(`/api/runs/${shared.runId}/thresholds?after=clzzzzzzzzzzzzzzzzzzzzzzz`)).status()).toBe(400);
  });
});

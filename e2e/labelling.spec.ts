import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { formatThreshold } from "../lib/labelling/labels";
import { expectedThreshold, refinedText, storedFromLabels } from "./expected-threshold";
import { DEMO_DATASET, expect, Session, test } from "./fixtures";
import type { Api } from "./api";

/**
 * The labelling loop: on the demo seed's finished linear run (real scores, no training here) an admin
 * stores a batch of three whole validation sequences (as the query UI would); the expert labels them
 * with hotkeys, the server recomputes and stores the refined threshold after each, and an analyst sees
 * the same value on the run page — exactly what thresholdFromLabels gives for the stored labels. This
 * spec owns the seeded run's batches and labels (no other spec queries it).
 */
const shared = { runId: "", queryIds: [] as string[], unsupervised: "", refined: "" };

async function scoreMax(api: Api, runId: string, sequenceId: string): Promise<number> {
  return Math.max(...new Float32Array(await api.bytes(`/api/runs/${runId}/scores/${sequenceId}`)));
}

/** The threshold the labelling page shows: whose value it is, over how many labelled queries, which stored version. */
async function shown(page: Page) {
  return page.getByTestId("threshold.value").evaluate((el: HTMLElement) => ({
    origin: el.dataset.origin,
    labels: Number(el.dataset.labels),
    version: Number(el.dataset.version),
    text: el.textContent ?? "",
  }));
}

/**
 * Press a key that labels or undoes, then wait until the server has answered for it and the page
 * shows the threshold the server stored after it (a newer version than before the key, over
 * `labelled` labelled queries); returns its text.
 */
async function pressAndWaitForThreshold(page: Page, key: string, labelled: number, stayOn?: string): Promise<string> {
  const before = (await shown(page)).version;
  await page.keyboard.press(key);
  // Labelling the last stretch of this run moves on to the next one in the expert's queue, which may
  // be another spec's run: step back (in the page, keeping its session and undo) to this run's stretch.
  if (stayOn) {
    for (let i = 0; i < 20 && !page.url().endsWith(stayOn); i++) {
      const url = page.url();
      await page.keyboard.press("ArrowLeft");
      await expect(page).not.toHaveURL(url);
    }
    await expect(page).toHaveURL(new RegExp(`/queue/${stayOn}$`));
  }
  let text = "";
  await expect
    .poll(
      async () => {
        const now = await shown(page);
        text = now.text;
        return now.origin === "server" && now.labels === labelled && now.version > before;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect(page.getByTestId("threshold.sync")).toHaveAttribute("data-pending", "0");
  await expect(page.getByTestId("threshold.f1")).toContainText(`${labelled} labelled quer`);
  return text;
}

// @loop: trains in the browser; run once per CI (SQLite pass), not again against PostgreSQL.
test.describe.serial("labelling @loop", () => {
  test("an admin stores a batch of three queries on the seeded linear run", async ({ page, session, api }) => {
    await session.signInAs("admin");
    // The demo seed's linear run: labelling needs a model's scores, not a model trained here (runs.spec.ts trains).
    const run = await api.seededRun();
    shared.runId = run.id;
    await page.goto(`/runs/${run.id}`);
    await expect(page.getByTestId("runpage.status")).toHaveText("complete");
    shared.unsupervised = (await page.getByTestId("runpage.threshold").textContent()) ?? "";

    const { sequences } = await api.dataset(run.datasetId);
    const { queriedKeys } = await api.batches(shared.runId);
    const free = sequences.filter((s) => s.split === "validation" && !queriedKeys.includes(`${s.id}:0-${s.length}`));
    const withMax = await Promise.all(free.map(async (s) => ({ ...s, max: await scoreMax(api, shared.runId, s.id) })));
    // The two highest maxima, then one at the upper quartile: two anomalous labels at the top and a
    // normal one below them give the refined threshold an interval bounded below that alarms on a
    // minority of the pool (the "pool" objective never lowers it under the whole pool).
    const byMax = withMax.sort((a, b) => b.max - a.max);
    expect(byMax.length).toBeGreaterThanOrEqual(4);
    shared.queryIds = await api.wholeSequenceBatch(shared.runId, [byMax[0]!, byMax[1]!, byMax[Math.floor(byMax.length / 4) + 1]!]);
    expect(shared.queryIds).toHaveLength(3);
  });

  test("the expert labels three queries with hotkeys and the threshold is refined live", async ({ page, session }, testInfo) => {
    await session.signInAtHome("expert");
    await expect(page.getByTestId("queue.row").first()).toBeVisible();
    await page.goto(`/queue/${shared.queryIds[0]}`);
    // The batch's first pick (stored rank 0) is rank 1, as on the queue and run pages.
    await expect(page.getByTestId("labelling.title")).toHaveText(/^Rank 1: /);
    const score = page.getByTestId("label.chart.score");
    await expect(score).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("label.chart.channels")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("label.hotkeys")).toContainText("A");
    // The score — what the decision rests on — comes first, in view without scrolling, the channels under it.
    const scoreBox = await score.boundingBox();
    const channelsBox = await page.getByTestId("label.chart.channels").boundingBox();
    expect(scoreBox && channelsBox && scoreBox.y < channelsBox.y).toBe(true);
    expect((scoreBox?.y ?? 0) + (scoreBox?.height ?? 0)).toBeLessThanOrEqual(900);
    // "?" lists every key; Escape closes it.
    await page.keyboard.press("?");
    await expect(page.getByTestId("label.help")).toContainText("move the onset by one step");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("label.help")).toHaveCount(0);
    await expect(page.getByTestId("threshold.value")).toHaveText(shared.unsupervised);
    await page.screenshot({ path: testInfo.outputPath("labelling-start.png"), fullPage: true });

    // 1: anomalous from the offered onset (first step above the threshold, else the highest score).
    // Whether one label refines the threshold depends on its peak before the onset (a threshold
    // between that and the peak after it catches it in time); the server answers either way.
    await pressAndWaitForThreshold(page, "a", 1);
    // What was said, where the threshold went, and that it is saved.
    await expect(page.getByTestId("label.toast")).toContainText(
      /: anomalous from \d+:\d\d:\d\d(\.\d)? \(step [\d,]+\) · threshold -?[\d.]+ → -?[\d.]+ · saved/,
    );
    // Over the plots, never over the threshold panel it reports on.
    const toastBox = await page.getByTestId("label.toast").boundingBox();
    const panelBox = await page.getByTestId("threshold.f1").boundingBox();
    expect((toastBox?.x ?? 0) + (toastBox?.width ?? 0)).toBeLessThan(panelBox?.x ?? 0);
    await expect(page).toHaveURL(new RegExp(`/queue/${shared.queryIds[1]}$`));

    // 2: anomalous from an onset set by clicking on the score plot.
    await expect(score).toHaveAttribute("data-ready", "true");
    const before = await page.getByTestId("label.onset").getAttribute("data-step");
    const box = await score.boundingBox();
    await score.click({ position: { x: (box?.width ?? 400) * 0.7, y: 100 } });
    await expect(page.getByTestId("label.onset")).not.toHaveAttribute("data-step", before ?? "");
    // Shift+← → nudge the onset a step at a time.
    const clicked = Number(await page.getByTestId("label.onset").getAttribute("data-step"));
    await page.keyboard.press("Shift+ArrowLeft");
    await expect(page.getByTestId("label.onset")).toHaveAttribute("data-step", String(clicked - 1));
    await page.keyboard.press("Shift+ArrowRight");
    await expect(page.getByTestId("label.onset")).toHaveAttribute("data-step", String(clicked));
    await page.screenshot({ path: testInfo.outputPath("labelling-onset.png"), fullPage: true });
    await pressAndWaitForThreshold(page, "a", 2);
    await expect(page).toHaveURL(new RegExp(`/queue/${shared.queryIds[2]}$`));
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(new RegExp(`/queue/${shared.queryIds[1]}$`));
    await expect(page.getByTestId("label.mine")).toContainText(/anomalous from \d+:\d\d:\d\d/);
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(new RegExp(`/queue/${shared.queryIds[2]}$`));

    // 3: normal, with a note.
    await page.getByTestId("label.note").fill("looks like a normal drive");
    await page.getByTestId("label.note").blur();
    await pressAndWaitForThreshold(page, "n", 3, shared.queryIds[2]);
    // Undo (U, or Ctrl+Z) takes the last label back (DELETE on the server); labelling again restores
    // the count. Labelling the last query moved on to the next one in the queue (other specs add batches to it).
    await pressAndWaitForThreshold(page, "Control+z", 2);
    await expect(page).toHaveURL(new RegExp(`/queue/${shared.queryIds[2]}$`));
    await expect(page.getByTestId("label.mine")).toContainText("Not labelled by you yet");
    shared.refined = await pressAndWaitForThreshold(page, "n", 3, shared.queryIds[2]);
    expect(shared.refined).not.toBe(shared.unsupervised);
    await expect(page.getByTestId("threshold.value")).toHaveAttribute("data-source", "refined");
    // The three labelled whole sequences are out of the pool's unlabelled stretches.
    const poolText = (await page.getByTestId("threshold.pool").textContent()) ?? "";
    const [, unlabelled, all] = /Weighed against (\d+) unlabelled of the query pool's (\d+) stretches/.exec(poolText) ?? [];
    expect(Number(all) - Number(unlabelled)).toBe(3);
    await expect(page.getByTestId("label.progress")).toContainText(/[3-9]\d* of/);
    await page.screenshot({ path: testInfo.outputPath("labelling-done.png"), fullPage: true });

    // The server stored it, and it is exactly what the stored labels give.
    const stored = await storedFromLabels(page.request, shared.runId);
    expect(stored && `${stored.kind} ${formatThreshold(stored.value)}/${stored.labelCount}`).toBe(`refined ${shared.refined}/3`);
    expect(refinedText((await expectedThreshold(page.request, shared.runId)).state)).toBe(shared.refined);

    await page.goto(`/queue/${shared.queryIds[1]}`);
    await expect(page.getByTestId("label.mine")).toContainText(/anomalous from \d+:\d\d:\d\d/);
    await expect(page.getByTestId("threshold.value")).toHaveAttribute("data-origin", "server");
    await expect(page.getByTestId("threshold.f1")).toContainText("3 labelled quer");
    await expect(page.getByTestId("threshold.value")).toHaveText(shared.refined);

    // How certain it is: the placement, the optimal interval on the chart and in words, and the
    // labelled stretches whose peaks bound it, named.
    await expect(page.getByTestId("threshold.placement")).toContainText("margin: in log space");
    await expect(page.getByTestId("threshold.band")).toContainText(/optimal interval \((−∞|-?\d+\.\d{3}), -?\d+\.\d{3}\]/);
    const labelled = /the (peak|pre-onset peak|post-onset peak) of .+ \d+–\d+ \(labelled (anomalous|normal) by Erik Expert\)/;
    await expect(page.getByTestId("threshold.bounds.upper")).toContainText(new RegExp(`^upper end: ${labelled.source}$`));
    await expect(page.getByTestId("threshold.bounds.lower")).toContainText(
      new RegExp(`^lower end: (${labelled.source}|none — unbounded below)`),
    );
    await expect(score).toHaveAttribute("data-ready", "true");
    await expect(score).toHaveAttribute("data-band", /^(-?[\d.e+-]+)?,-?[\d.e+-]+$/);
    const [lower, upper] = ((await score.getAttribute("data-band")) ?? "").split(",");
    expect(Number(upper)).toBeGreaterThanOrEqual(Number(shared.refined) - 0.0005);
    if (lower) expect(Number(lower)).toBeLessThan(Number(shared.refined) + 0.0005);
    await page.screenshot({ path: testInfo.outputPath("labelling-interval.png"), fullPage: true });
  });

  test("the labelling page fits a 390 px phone: score first, buttons in reach, nothing wider than the screen", async ({
    page,
    session,
  }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await session.signInAs("expert");
    await page.goto(`/queue/${shared.queryIds[1]}`);
    await expect(page.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("label.chart.channels")).toHaveAttribute("data-ready", "true");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const score = await page.getByTestId("label.chart.score").boundingBox();
    const buttons = await page.getByTestId("label.anomalous").boundingBox();
    expect(score && buttons && score.y < buttons.y).toBe(true);
    await page.screenshot({ path: testInfo.outputPath("labelling-phone.png"), fullPage: true });
  });

  test("a stretch that fails to load says so with Retry, and Retry loads it", async ({ page, session }) => {
    await session.signInAs("expert");
    // The scores cannot be fetched until the expert presses Retry; meanwhile the page does not keep asking.
    let failing = true;
    const asked = new Map<string, number>();
    await page.route("**/api/runs/*/scores/*", async (route) => {
      if (failing) {
        const path = new URL(route.request().url()).pathname;
        asked.set(path, (asked.get(path) ?? 0) + 1);
        await route.abort("connectionreset");
      } else await route.continue();
    });
    // The labels (they name more sequences to fetch) are held until the stretch's own scores have failed.
    let releaseLabels = () => {};
    const labelsHeld = new Promise<void>((resolve) => (releaseLabels = resolve));
    await page.route("**/api/runs/*/labels", async (route) => {
      await labelsHeld;
      await route.continue();
    });
    await page.goto(`/queue/${shared.queryIds[0]}`);
    await expect(page.getByTestId("label.error")).toContainText("Could not load this stretch");
    releaseLabels();
    await expect.poll(() => asked.size).toBeGreaterThan(1);
    // Each sequence's scores were asked for once: a failed one is not asked for again until Retry.
    await page.waitForTimeout(3000);
    expect([...asked.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    failing = false;
    await page.getByTestId("label.retry").click();
    await expect(page.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("label.error")).toHaveCount(0);
  });

  test("a doubled submission is stored once, and undo deletes it", async ({ page, session, api }) => {
    await session.signInAs("expert");
    const clientId = randomUUID();
    const body = { clientId, queryId: shared.queryIds[0] ?? "", anomalous: false, onset: null, note: "doubled" };
    // The first is created (201), the second is the same label answered again (200).
    const [a, b] = [await api.label(body, 201), await api.label(body, 200)];
    expect(a.label.id).toBe(b.label.id);
    const count = async () => {
      const queries = await api.labels(shared.runId);
      return queries.flatMap((q) => q.labels).filter((l) => l.clientId === clientId).length;
    };
    expect(await count()).toBe(1);
    expect((await page.request.delete(`/api/labels/${clientId}`)).status()).toBe(200);
    expect(await count()).toBe(0);
    const bad = await page.request.post("/api/labels", { data: { ...body, clientId: randomUUID(), anomalous: true } });
    expect(bad.status()).toBe(422);
  });

  test("an analyst sees the same refined threshold on the run page and may neither label nor store a threshold", async ({
    page,
    session,
  }, testInfo) => {
    await session.signInAs("analyst");
    await page.goto(`/runs/${shared.runId}`);
    await expect(page.getByTestId("runpage.refined")).toHaveText(shared.refined);
    await expect(page.getByTestId("runpage.refined")).toHaveText(refinedText((await expectedThreshold(page.request, shared.runId)).state));
    await expect(page.getByTestId("runpage.inEffect")).toHaveAttribute("data-kind", "refined");
    const forged = await page.request.post(`/api/runs/${shared.runId}/thresholds`, {
      data: { source: "refined", value: 1e308, f1: 1, precision: 1, recall: 1, labelCount: 1 },
    });
    expect([403, 404, 405]).toContain(forged.status());
    await page.getByTestId("scores.row").first().click();
    await expect(page.getByTestId("scores.chart")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("run-page-refined.png"), fullPage: true });
    await page.reload();
    await expect(page.getByTestId("runpage.refined")).toHaveText(shared.refined);
    const refused = await page.request.post("/api/labels", {
      data: { clientId: randomUUID(), queryId: shared.queryIds[0], anomalous: false, note: "" },
    });
    expect(refused.status()).toBe(403);
  });

  test("a second expert disagrees; an admin assigns her, sees the disagreement and resolves it, and the threshold follows", async ({
    page,
    session,
    browser,
    api,
  }, testInfo) => {
    test.setTimeout(2 * 60_000);
    await session.signInAs("admin");
    const created = await page.request.post("/api/admin/users", {
      data: { email: "eva@dqs.local", name: "Eva Expert", password: "eva-demo-pw-1", role: "expert" },
    });
    expect(created.status()).toBe(201);
    const { user: admin } = await api.me();
    await page.goto("/datasets");
    await page.getByRole("link", { name: DEMO_DATASET }).click();
    await page.waitForURL(/\/datasets\/[^/]+$/);
    const datasetId = page.url().split("/").at(-1) ?? "";
    // Only experts can be assigned; a refused save changes nothing.
    const notExpert = await page.request.put(`/api/datasets/${datasetId}/assignments`, { data: { userIds: [admin.id] } });
    expect(notExpert.status()).toBe(422);
    await page.locator('[data-testid="assignments.expert"][data-email="eva@dqs.local"]').check();
    await page.getByTestId("assignments.save").click();
    // "of N": other specs add experts in parallel.
    await expect(page.getByTestId("assignments.status")).toContainText(/Saved: 2 of \d+ experts/);
    await page.reload();
    await expect(page.locator('[data-testid="assignments.expert"][data-email="eva@dqs.local"]')).toBeChecked();

    // Eva sees the dataset's queue and says "normal" where Erik said "anomalous".
    const eva = await browser.newPage();
    await new Session(eva).signIn("eva@dqs.local", "eva-demo-pw-1");
    await expect(eva).toHaveURL(/\/queue$/);
    await eva.goto(`/queue/${shared.queryIds[0]}`);
    await expect(eva.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    const evaShows = await pressAndWaitForThreshold(eva, "n", 3);
    // The server recomputed the threshold from the latest labels (hers on this query) and stored it:
    // refined, or withdrawn when no threshold catches the anomalous label left at or after its onset.
    // Which of the two depends on where Erik's clicked onset fell; her page and the run page show what
    // was stored, and that is exactly what the stored labels give.
    const expected = (await expectedThreshold(eva.request, shared.runId)).state;
    expect(evaShows).toBe(formatThreshold(expected.value));
    const stored = await storedFromLabels(eva.request, shared.runId);
    expect(stored?.kind).toBe(expected.source === "refined" ? "refined" : "withdrawn");
    expect(stored?.value).toBeCloseTo(expected.value ?? Number.NaN, 9);
    const evas = refinedText(expected);
    await eva.close();

    // The admin sees the disagreement on the run page; the latest label (Eva's) counts until resolved.
    await page.goto(`/runs/${shared.runId}`);
    const row = page.locator(`[data-testid="disagreements.row"][data-query="${shared.queryIds[0]}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId("disagreements.counts")).toContainText("Eva Expert: normal (latest)");
    await expect(page.getByTestId("runpage.refined")).toHaveText(evas);
    const queries = await api.labels(shared.runId);
    const otherLabel = queries.find((q) => q.queryId === shared.queryIds[1])?.labels[0]?.id;
    expect((await page.request.put(`/api/queries/${shared.queryIds[0]}/resolution`, { data: { labelId: otherLabel } })).status()).toBe(422);

    await row.locator('[data-testid="disagreements.use"][data-user="Erik Expert"]').click();
    await expect(page.getByTestId("disagreements.status")).toContainText(`refined threshold now ${shared.refined}`);
    await expect(row.getByTestId("disagreements.counts")).toContainText(/Erik Expert: anomalous from \d+:\d\d:\d\d/);
    await expect(row.getByTestId("disagreements.counts")).toContainText("(resolved by an admin)");
    await expect(page.getByTestId("runpage.refined")).toHaveText(shared.refined);
    expect(refinedText((await expectedThreshold(page.request, shared.runId)).state)).toBe(shared.refined);
    await page.screenshot({ path: testInfo.outputPath("disagreement-resolved.png"), fullPage: true });

    // Analysts see it but may not resolve.
    await page.request.post("/api/auth/signout");
    await session.signInAs("analyst");
    await page.goto(`/runs/${shared.runId}`);
    await expect(page.getByTestId("disagreements.row")).toHaveCount(1);
    await expect(page.getByTestId("disagreements.use")).toHaveCount(0);
    expect((await page.request.put(`/api/queries/${shared.queryIds[0]}/resolution`, { data: { labelId: null } })).status()).toBe(403);
  });

  test("on a slow network, a label made while the previous one is still on its way reaches the server, and the page ends on the server's threshold", async ({
    page,
    session,
    api,
  }) => {
    await session.signInAs("analyst");
    const { queryIds, runId } = await createBatch(api, 2);
    await page.request.post("/api/auth/signout");
    await session.signInAs("expert");
    // Every label upload takes 1.5 s: the next label is queued while one is in flight; the page shows
    // its own threshold until the server has answered for both.
    await page.route("**/api/labels", async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`/queue/${queryIds[0]}`);
    await expect(page.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    const uploading = page.waitForRequest((r) => r.url().endsWith("/api/labels") && r.method() === "POST");
    await page.keyboard.press("n");
    await uploading;
    await expect(page.getByTestId("threshold.value")).toHaveAttribute("data-origin", "browser");
    await expect(page).toHaveURL(new RegExp(`/queue/${queryIds[1]}$`));
    await expect(page.getByTestId("label.mine")).toContainText("Not labelled by you yet");
    await page.keyboard.press("n");
    await expect(page.getByTestId("threshold.sync")).toHaveAttribute("data-pending", "0", { timeout: 20_000 });
    // The page moves on to the next stretch in the queue, which may belong to another spec's run by
    // now: step back (in the page, keeping what the server answered) to this run's last stretch.
    if (!page.url().endsWith(queryIds[1] ?? "")) await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(new RegExp(`/queue/${queryIds[1]}$`));
    await expect
      .poll(
        async () => {
          const queries = await api.labels(runId);
          return queryIds.map((id) => queries.find((q) => q.queryId === id)?.labels.length ?? 0);
        },
        { timeout: 10_000 },
      )
      .toEqual([1, 1]);
    await expect(page.getByTestId("threshold.value")).toHaveAttribute("data-origin", "server");
    const expected = (await expectedThreshold(page.request, runId)).state;
    await expect(page.getByTestId("threshold.value")).toHaveText(formatThreshold(expected.value));
    expect((await storedFromLabels(page.request, runId))?.value).toBeCloseTo(expected.value ?? Number.NaN, 9);
  });

  test("a label saved while the network was down is sent when the page opens again, without another label", async ({
    page,
    session,
    api,
  }) => {
    await session.signInAs("analyst");
    const { queryIds, runId } = await createBatch(api, 1);
    await page.request.post("/api/auth/signout");
    await session.signInAs("expert");
    await page.route("**/api/labels", (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
    );
    await page.goto(`/queue/${queryIds[0]}`);
    await expect(page.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    await page.keyboard.press("n");
    await expect(page.getByTestId("threshold.sync")).not.toHaveAttribute("data-pending", "0");
    // The network is back, and the expert opens the stretch again (the page of before is gone).
    await page.unroute("**/api/labels");
    await page.goto(`/queue/${queryIds[0]}`);
    await expect(page.getByTestId("threshold.sync")).toHaveAttribute("data-pending", "0", { timeout: 20_000 });
    const [labelled] = (await api.labels(runId)).filter((q) => q.queryId === queryIds[0]);
    expect(labelled?.labels.map((l) => l.anomalous)).toEqual([false]);
    await expect(page.getByTestId("threshold.value")).toHaveAttribute("data-origin", "server");
  });
});

/** A new batch of `count` whole validation sequences of the shared run that nobody queried yet. */
async function createBatch(api: Api, count: number): Promise<{ runId: string; queryIds: string[] }> {
  const runId = shared.runId;
  const run = await api.run(runId);
  const { sequences } = await api.dataset(run.datasetId);
  const { queriedKeys } = await api.batches(runId);
  const fresh = sequences.filter((s) => s.split === "validation" && !queriedKeys.includes(`${s.id}:0-${s.length}`)).slice(0, count);
  const queryIds = await api.wholeSequenceBatch(runId, fresh, 2);
  expect(queryIds).toHaveLength(count);
  return { runId, queryIds };
}

import type { Page } from "@playwright/test";
import { DEMO_DATASET, expect, Session, test } from "./fixtures";
import { getJson } from "./api";
import { importDemoDrives } from "./demo-drives";

/**
 * Trains a deliberately small TeVAE on the demo dataset in the browser (worker, fastest backend),
 * scores every sequence, and checks that the run, its backend and its scores survive a reload.
 */
let trainedRunUrl = "";

/** From the datasets list to the demo dataset's run form; returns the dataset's id. */
async function openRunForm(page: Page): Promise<string> {
  await page.goto("/datasets");
  await page.getByRole("link", { name: DEMO_DATASET }).click();
  await page.waitForURL(/\/datasets\/[^/]+$/);
  const datasetId = page.url().split("/").at(-1) ?? "";
  await page.getByTestId("dataset.runs").click();
  return datasetId;
}

// @loop: trains in the browser; run once per CI (SQLite pass), not again against PostgreSQL.
// @heavy: trains a TeVAE for minutes; scripts/e2e.sh runs it alone, before the rest.
test.describe.serial("the loop on the demo dataset @loop @heavy", () => {
  test("an admin trains a small TeVAE, scores appear on a sequence's plot, and the run survives a reload", async ({
    page,
    session,
  }, testInfo) => {
    test.setTimeout(8 * 60_000);
    await session.signInAs("admin");
    await openRunForm(page);
    await expect(page.getByRole("heading", { name: "Detector runs" })).toBeVisible();

    await page.getByTestId("run.detector").selectOption("tevae");
    await page.getByTestId("run.window").fill("16");
    await page.getByTestId("run.epochs").fill("2");
    await page.getByTestId("run.batch").fill("64");
    await page.getByTestId("run.hidden").fill("4");
    await page.getByTestId("run.maxWindows").fill("256");
    // One scored window every 16 steps (the window): each step still covered, a sixth of the windows to score.
    await page.getByTestId("run.scoreShift").fill("16");
    // Before it starts: a short probe on this machine says about how long the run will take.
    await page.getByTestId("run.estimate.start").click();
    await expect(page.getByTestId("run.estimate")).toContainText(/Estimated: about .+ on (wasm|webgpu|webgl|cpu) — training/, {
      timeout: 60_000,
    });
    expect(Number(await page.getByTestId("run.estimate").getAttribute("data-seconds"))).toBeGreaterThan(0);
    await page.getByTestId("run.start").click();

    const badge = page.getByTestId("run.backendBadge");
    await expect(badge).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("run.backendReason")).toContainText(/fastest in a short probe|chosen by you/);
    await expect(page.getByTestId("run.done")).toBeVisible({ timeout: 6 * 60_000 });
    // And after it: its actual time beside the estimate.
    await expect(page.getByTestId("run.done")).toContainText(/^Done in .+ \(estimated about .+\)\./);
    const backend = (await badge.textContent())?.replace("backend: ", "") ?? "";
    expect(["wasm", "webgpu", "webgl", "cpu"]).toContain(backend);
    await page.screenshot({ path: testInfo.outputPath("run-trained.png"), fullPage: true });

    await page.getByTestId("run.done").getByRole("link").click();
    await expect(page.getByTestId("runpage.status")).toHaveText("complete");
    await expect(page.getByTestId("runpage.backend")).toHaveText(backend);
    await expect(page.getByTestId("runpage.scored")).toHaveText("80 / 80");
    const threshold = await page.getByTestId("runpage.threshold").textContent();
    expect(Number(threshold)).toBeGreaterThan(0);

    await page.getByTestId("scores.row").first().click();
    await expect(page.getByTestId("scores.chart")).toBeVisible();
    await expect(page.getByTestId("scores.chart")).toHaveAttribute("data-points", /^[1-9]\d*$/);
    await page.screenshot({ path: testInfo.outputPath("run-scores.png"), fullPage: true });

    await page.reload();
    await expect(page.getByTestId("runpage.status")).toHaveText("complete");
    await expect(page.getByTestId("runpage.threshold")).toHaveText(threshold ?? "");
    // The run page keeps the plotted sequence in its query string; the run is the path.
    trainedRunUrl = new URL(page.url()).pathname;
  });

  test("an analyst asks for a DQS batch of 5 and the expert sees it in the queue, in rank order", async ({
    page,
    session,
    browser,
  }, testInfo) => {
    expect(trainedRunUrl).not.toBe("");
    await session.signInAs("analyst");
    await page.goto(trainedRunUrl);
    // The pool is the validation split (16 of the demo's 80 drives, long ones): the panel says so and
    // pre-fills a segment length that is a multiple of the window (16) and gives tens of candidates.
    await expect(page.getByTestId("query.pool")).toHaveAttribute("data-splits", "validation");
    await expect(page.getByTestId("query.pool")).toContainText("16 sequences");
    const hint = page.getByTestId("query.segment-hint");
    await expect(hint).toContainText(
      /16 long sequences \(median \d+ steps\) in the pool: segments of \d+ steps \(\d+ windows of 16\) give ~\d+ candidates/,
    );
    const suggested = (await hint.getAttribute("data-suggested")) ?? "";
    expect(Number(suggested) % 16).toBe(0);
    await expect(page.getByTestId("query.segment")).toHaveValue(suggested);
    // Train is an opt-in; unticking it restores the pool and the suggestion.
    await page.getByTestId("query.include-train").check();
    await expect(page.getByTestId("query.pool")).toHaveAttribute("data-splits", "train + validation");
    await expect(page.getByTestId("query.pool")).toContainText("64 sequences");
    await page.getByTestId("query.include-train").uncheck();
    await expect(page.getByTestId("query.segment")).toHaveValue(suggested);
    await page.getByTestId("query.strategy").selectOption("dqs");
    await page.getByTestId("query.budget").fill("5");
    await page.getByTestId("query.submit").click();
    await expect(page.getByTestId("query.status")).toContainText("Queued 5 for the experts", { timeout: 120_000 });
    await expect(page.getByTestId("query.status")).toContainText(/query worker \+ \d DTW workers?/);
    const batch = page.getByTestId("batch").first();
    await expect(batch).toHaveAttribute("data-strategy", "dqs");
    await expect(batch.getByTestId("batch.query")).toHaveCount(5);
    await expect(batch.getByTestId("batch.spark")).toHaveCount(5);
    const names = await batch.getByTestId("batch.query.sequence").allTextContents();
    await page.screenshot({ path: testInfo.outputPath("dqs-batch.png"), fullPage: true });

    // The same stretches cannot be queued twice.
    const runId = trainedRunUrl.split("/").at(-1);
    const { batches } = await getJson<{ batches: { queries: { sequenceId: string; start: number; end: number }[] }[] }>(
      page.request,
      `/api/runs/${runId}/batches`,
    );
    const first = batches[0]?.queries[0];
    // Every pick comes from the validation split, cut at the suggested length.
    const { run } = await getJson<{ run: { datasetId: string } }>(page.request, `/api/runs/${runId}`);
    const { sequences } = await getJson<{ sequences: { id: string; split: string; length: number }[] }>(
      page.request,
      `/api/datasets/${run.datasetId}`,
    );
    const splitOf = new Map(sequences.map((s) => [s.id, s.split]));
    const picks = batches[0]?.queries ?? [];
    expect(picks).toHaveLength(5);
    expect(picks.map((q) => splitOf.get(q.sequenceId))).toEqual(Array(5).fill("validation"));
    expect(picks.every((q) => q.start % Number(suggested) === 0)).toBe(true);
    const again = await page.request.post(`/api/runs/${runId}/batches`, {
      data: {
        strategy: "random",
        budget: 1,
        seed: 1,
        segmentLength: null,
        threshold: null,
        picks: [{ key: `${first?.sequenceId}:${first?.start}-${first?.end}`, rank: 0, reason: "again" }],
      },
    });
    expect(again.status()).toBe(409);

    const expert = await browser.newPage();
    await new Session(expert).signInAtHome("expert");
    // Other specs queue batches on the same dataset in parallel: look for this batch, in rank order.
    await expect(expert.getByTestId("queue.row").first()).toBeVisible();
    const dqsRows = expert
      .getByTestId("queue.row")
      .filter({ has: expert.getByTestId("queue.dataset").filter({ hasText: DEMO_DATASET }) })
      .filter({ has: expert.getByTestId("queue.strategy").filter({ hasText: /^dqs$/ }) });
    await expect(dqsRows.getByTestId("queue.sequence")).toHaveText(names);
    // Ranks are counted from 1, as on the run page.
    await expect(dqsRows.getByTestId("queue.rank")).toHaveText(names.map((_, i) => String(i + 1)));
    await expert.close();
  });

  test("a long DQS batch shows its progress and can be cancelled; nothing is queued", async ({ page, session }) => {
    expect(trainedRunUrl).not.toBe("");
    await session.signInAs("analyst");
    await page.goto(trainedRunUrl);
    const runId = trainedRunUrl.split("/").at(-1);
    const count = async () => (await getJson<{ batches: unknown[] }>(page.request, `/api/runs/${runId}/batches`)).batches.length;
    const before = await count();
    await page.getByTestId("query.strategy").selectOption("dqs");
    await page.getByTestId("query.budget").fill("400");
    await page.getByTestId("query.segment").fill("24");
    await page.getByTestId("query.submit").click();
    await expect(page.getByTestId("query.progress")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("query.status")).toContainText(/Selecting… \d+ of 400/);
    await page.getByTestId("query.cancel").click();
    await expect(page.getByTestId("query.status")).toHaveText("Cancelled: nothing was queued.");
    await expect(page.getByTestId("query.submit")).toBeEnabled();
    expect(await count()).toBe(before);

    // The worker is free again: a small batch goes through.
    await page.getByTestId("query.strategy").selectOption("random");
    await page.getByTestId("query.budget").fill("1");
    await page.getByTestId("query.segment").fill("");
    await page.getByTestId("query.submit").click();
    await expect(page.getByTestId("query.status")).toContainText("Queued 1 for the experts", { timeout: 60_000 });
    expect(await count()).toBe(before + 1);
  });
});

test("an admin fits the linear detector in one pass; every sequence is scored and its plot shows the scores @loop", async ({
  page,
  session,
}, testInfo) => {
  test.setTimeout(3 * 60_000);
  await session.signInAs("admin");
  await openRunForm(page);
  await page.getByTestId("run.detector").selectOption("linear");
  await page.getByTestId("run.window").fill("16");
  await page.getByTestId("run.start").click();
  // The run belongs to the app, not to the page: away on the datasets list, the top bar shows it and
  // leads back, where the progress goes on.
  const runsPage = page.url();
  await page.getByTestId("nav.datasets").click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId("nav.run")).toBeVisible();
  await page.getByTestId("nav.run").click();
  await expect(page).toHaveURL(runsPage);
  await expect(page.getByTestId("run.progress")).toBeVisible();
  await expect(page.getByTestId("run.backendReason")).toContainText("not used by the linear detector", { timeout: 120_000 });
  await expect(page.getByTestId("run.done")).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId("nav.run")).toHaveCount(0);
  await page.getByTestId("run.done").getByRole("link").click();
  await expect(page.getByTestId("runpage.status")).toHaveText("complete");
  await expect(page.getByTestId("runpage.scored")).toHaveText("80 / 80");
  expect(Number(await page.getByTestId("runpage.threshold").textContent())).toBeGreaterThan(0);
  // Only the settings the linear detector uses, and no empty loss chart.
  await expect(page.getByTestId("runpage.setting.name")).toHaveText(["lags", "ridge", "seed"]);
  await expect(page.getByTestId("runpage.setting.value")).toHaveText(["2", "1", "1"]);
  await expect(page.getByTestId("runpage.fitted")).toContainText("no epochs");
  await expect(page.getByRole("heading", { name: /^Training/ })).toHaveCount(0);
  await page.getByTestId("scores.row").first().click();
  await expect(page.getByTestId("scores.chart")).toHaveAttribute("data-points", /^[1-9]\d*$/);
  await page.screenshot({ path: testInfo.outputPath("linear-run.png"), fullPage: true });
});

test("an admin trains a small WAVAE: the form offers its own quick defaults, and the scores plot @loop", async ({
  page,
  session,
  api,
}, testInfo) => {
  test.setTimeout(4 * 60_000);
  await session.signInAs("admin");
  // Demo drives of its own: the run trains and scores the demo's kind of data, 16 drives rather than 80.
  const datasetId = await importDemoDrives(api, `WAVAE drives ${Date.now()}`, 16);
  await page.goto(`/datasets/${datasetId}/runs`);
  await page.getByTestId("run.detector").selectOption("wavae");
  // Its defaults are sized for a CPU, and the form says so.
  await expect(page.getByTestId("run.epochs")).toHaveValue("8");
  await expect(page.getByTestId("run.maxWindows")).toHaveValue("512");
  await expect(page.getByTestId("run.detectorNote")).toContainText("few minutes on two CPU cores");
  await page.getByTestId("run.window").fill("16");
  await page.getByTestId("run.epochs").fill("2");
  await page.getByTestId("run.hidden").fill("4");
  await page.getByTestId("run.maxWindows").fill("128");
  await page.getByTestId("run.scoreShift").fill("16");
  await page.getByTestId("run.start").click();
  await expect(page.getByTestId("run.backendReason")).toContainText(/fastest in a short probe|chosen by you/, { timeout: 120_000 });
  await expect(page.getByTestId("run.done")).toBeVisible({ timeout: 3 * 60_000 });
  await page.getByTestId("run.done").getByRole("link").click();
  await expect(page.getByTestId("runpage.status")).toHaveText("complete");
  await expect(page.getByTestId("runpage.scored")).toHaveText("16 / 16");
  // Trained in epochs: a loss chart, not the closed-form note.
  await expect(page.getByRole("heading", { name: /^Training/ })).toBeVisible();
  await expect(page.getByTestId("runpage.fitted")).toHaveCount(0);
  // The scoring shift asked for is the one the run used.
  await expect(page.locator('[data-testid="runpage.setting"][data-name="scoring shift"]').getByTestId("runpage.setting.value")).toHaveText(
    "16",
  );
  await page.getByTestId("scores.row").first().click();
  await expect(page.getByTestId("scores.chart")).toHaveAttribute("data-points", /^[1-9]\d*$/);
  await page.screenshot({ path: testInfo.outputPath("wavae-run.png"), fullPage: true });
});

test("closing the tab mid-run leaves the run marked interrupted, and a finished run cannot be changed", async ({
  page,
  session,
  context,
}) => {
  test.setTimeout(3 * 60_000);
  await session.signInAs("admin");
  const datasetId = await openRunForm(page);
  await page.getByTestId("run.detector").selectOption("lstm-ae");
  await page.getByTestId("run.window").fill("16");
  await page.getByTestId("run.epochs").fill("500");
  await page.getByTestId("run.hidden").fill("4");
  await page.getByTestId("run.maxWindows").fill("64");
  await page.getByTestId("run.start").click();
  await expect(page.getByTestId("run.epoch")).toBeVisible({ timeout: 120_000 });
  await page.close({ runBeforeUnload: true });

  const other = await context.newPage();
  await expect
    .poll(
      async () => {
        const { runs } = await getJson<{ runs: { detector: string; status: string }[] }>(other.request, `/api/runs?datasetId=${datasetId}`);
        return runs.filter((r) => r.detector === "lstm-ae").map((r) => r.status);
      },
      { timeout: 30_000 },
    )
    .toContain("interrupted");
  const { runs } = await getJson<{ runs: { id: string; detector: string; status: string }[] }>(
    other.request,
    `/api/runs?datasetId=${datasetId}`,
  );
  const interrupted = runs.find((r) => r.detector === "lstm-ae" && r.status === "interrupted");
  const stale = await other.request.patch(`/api/runs/${interrupted?.id}`, { data: { status: "complete", threshold: 1 } });
  expect(stale.status()).toBe(409);
});

test("only admins may start runs", async ({ page, session }) => {
  await session.signInAs("analyst");
  const { datasets } = await getJson<{ datasets: { id: string; name: string }[] }>(page.request, "/api/datasets");
  const demo = datasets.find((d) => d.name === DEMO_DATASET);
  const refused = await page.request.post("/api/runs", {
    data: {
      datasetId: demo?.id,
      detector: "tevae",
      config: { windowSize: 16, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 },
    },
  });
  expect(refused.status()).toBe(403);
  const bad = await page.request.get("/api/runs");
  expect(bad.status()).toBe(400);
});

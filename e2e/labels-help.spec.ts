import { expect, Session, test } from "./fixtures";
import { DatasetSplits, longSequences, sequenceIds } from "./splits-page";
import { UploadPage } from "./upload-page";
import { getJson } from "./api";

/**
 * The promise end to end, on few long sequences with ground truth: an admin uploads them, sees the
 * split warnings, fixes the split, fits the linear detector; the run page suggests segments and, the
 * validation split being thin, starts with train in the pool and says why; a DQS batch never draws
 * from the test split; an expert labels and the refined threshold and its optimal-interval band move
 * with each label.
 */
const RATIOS = { train: "0.5", validation: "0.17", test: "0.33" };

// @loop: fits a detector in the browser; run once per CI (SQLite pass).
test("few long sequences: split warnings, a fixed split, the linear detector, segments, a DQS batch without test stretches and a band that moves @loop", async ({
  page,
  session,
  browser,
}, testInfo) => {
  test.setTimeout(5 * 60_000);
  await session.signInAs("admin");

  // Upload: 6 sequences of 1,500 steps with a label column; sequences 1, 2 and 5 carry a fault.
  const upload = new UploadPage(page);
  await upload.open();
  await upload.choose(longSequences(6, [0, 1, 4]));
  await page.getByTestId("upload.split-train").fill(RATIOS.train);
  await page.getByTestId("upload.split-validation").fill(RATIOS.validation);
  await page.getByTestId("upload.split-test").fill(RATIOS.test);
  const name = `Few long, labelled ${Date.now()}`;
  await upload.submit(name);
  await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
  const datasetId = page.url().split("/").at(-1) ?? "";

  // The dataset page warns, and the admin fixes the split: a second, normal sequence into validation.
  const splits = new DatasetSplits(page);
  await expect(splits.warning("few_long")).toContainText("query segments instead");
  const moved = await splits.firstIn("train", /^normal$/);
  await splits.select(moved).selectOption("validation");
  await splits.save.click();
  await expect(splits.status).toContainText("Saved: 1 sequence moved");
  await page.screenshot({ path: testInfo.outputPath("splits-fixed.png"), fullPage: true });
  const { sequences } = await getJson<{ sequences: { id: string; name: string; split: string }[] }>(
    page.request,
    `/api/datasets/${datasetId}`,
  );
  const validation = new Set(sequences.filter((s) => s.split === "validation").map((s) => s.id));
  expect(validation.size).toBeGreaterThanOrEqual(2);

  // The expert labels this dataset.
  await page.locator('[data-testid="assignments.expert"][data-email="expert@dqs.local"]').check();
  await page.getByTestId("assignments.save").click();
  await expect(page.getByTestId("assignments.status")).toContainText("Saved");

  // Fit the linear detector in this browser.
  await page.getByTestId("dataset.runs").click();
  await page.getByTestId("run.detector").selectOption("linear");
  await page.getByTestId("run.start").click();
  await expect(page.getByTestId("run.done")).toBeVisible({ timeout: 150_000 });
  await page.getByTestId("run.done").getByRole("link").click();
  await expect(page.getByTestId("runpage.status")).toHaveText("complete");
  const runId = page.url().split("/").at(-1) ?? "";

  // The run page suggests segments for these few long sequences. Validation holds only two of them,
  // so the pool starts with train too, and the page says why and how to leave it out.
  const hint = page.getByTestId("query.segment-hint");
  await expect(hint).toContainText("segments of");
  const suggested = Number(await hint.getAttribute("data-suggested"));
  expect(suggested).toBeGreaterThan(0);
  await expect(page.getByTestId("query.segment")).toHaveValue(String(suggested));
  await expect(page.getByTestId("query.include-train")).toBeChecked();
  await expect(page.getByTestId("query.pool")).toHaveAttribute("data-splits", "train + validation");
  await expect(page.getByTestId("query.thin-pool")).toContainText(
    `Only ${validation.size} validation sequences: too few for labels that carry over`,
  );
  await page.getByTestId("query.include-train").uncheck();
  await expect(page.getByTestId("query.pool")).toHaveAttribute("data-splits", "validation");
  await expect(page.getByTestId("query.thin-pool")).toContainText(`Only ${validation.size} validation sequences in the pool`);
  await page.getByTestId("query.include-train").check();
  await page.getByTestId("query.strategy").selectOption("dqs");
  await page.getByTestId("query.budget").fill("4");
  await page.getByTestId("query.submit").click();
  await expect(page.getByTestId("query.status")).toContainText("Queued 4 for the experts", { timeout: 120_000 });
  await page.screenshot({ path: testInfo.outputPath("dqs-thin-pool.png"), fullPage: true });
  const { batches } = await getJson<{ batches: { queries: { id: string; sequenceId: string; start: number; end: number }[] }[] }>(
    page.request,
    `/api/runs/${runId}/batches`,
  );
  const queries = batches.flatMap((b) => b.queries);
  expect(queries).toHaveLength(4);
  const splitOf = new Map(sequences.map((s) => [s.id, s.split]));
  for (const q of queries) {
    expect(["train", "validation"]).toContain(splitOf.get(q.sequenceId)); // never a test stretch
    expect(q.start % suggested).toBe(0);
  }

  // The expert labels: the first stretch anomalous (the offered onset), the next normal; the
  // threshold is refined and its optimal interval appears and then moves.
  const context = await browser.newContext();
  const expertPage = await context.newPage();
  await new Session(expertPage).signInAs("expert");
  const ids = await sequenceIds(expertPage, datasetId);
  expect(Object.keys(ids)).toHaveLength(6);
  await expertPage.goto(`/queue/${queries[0]?.id}`);
  const value = expertPage.getByTestId("threshold.value");
  await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
  const unsupervised = await value.textContent();
  await expect(expertPage.getByTestId("threshold.band")).toHaveCount(0); // no interval before a label
  const serverVersion = async () => Number(await value.getAttribute("data-version"));

  const labelAndWait = async (key: string, labelled: number) => {
    const before = await serverVersion();
    await expertPage.keyboard.press(key);
    await expect
      .poll(
        async () =>
          (await value.getAttribute("data-origin")) === "server" &&
          Number(await value.getAttribute("data-labels")) === labelled &&
          (await serverVersion()) > before,
        { timeout: 20_000 },
      )
      .toBe(true);
  };
  await labelAndWait("a", 1);
  await expect(value).toHaveAttribute("data-source", "refined");
  expect(await value.textContent()).not.toBe(unsupervised);
  const firstBand = await expertPage.getByTestId("threshold.band").textContent();
  await expect(expertPage.getByTestId("threshold.bounds.upper")).toContainText("labelled anomalous by Erik Expert");

  await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
  await labelAndWait("n", 2);
  const secondBand = await expertPage.getByTestId("threshold.band").textContent();
  await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-band", /\S/);
  await expertPage.screenshot({ path: testInfo.outputPath("labelling-band.png"), fullPage: true });
  // Whichever labelled peaks now bound the interval, the page names them (or says it is unbounded below).
  expect(secondBand).not.toBeNull();
  expect(firstBand).not.toBeNull();
  await expect(expertPage.getByTestId("threshold.bounds.upper")).toContainText(/labelled (anomalous|normal) by Erik Expert/);
  await expect(expertPage.getByTestId("threshold.bounds.lower")).toContainText(
    /labelled (anomalous|normal) by Erik Expert|unbounded below/,
  );
  await context.close();

  // Everyone sees the server's value on the run page.
  await page.reload();
  await expect(page.getByTestId("runpage.inEffect")).toHaveAttribute("data-kind", "refined");
});

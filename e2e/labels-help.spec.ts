import { expect, Session, test } from "./fixtures";
import { DatasetSplits, longSequences, sequenceIds } from "./splits-page";
import { UploadPage } from "./upload-page";
import { formatThreshold } from "../lib/labelling/labels";
import { fitLinearRunInNode } from "./scored-run";
import { expectedThreshold, storedFromLabels } from "./expected-threshold";

/**
 * The promise end to end, on few long sequences with ground truth: an admin uploads them, sees the
 * split warnings, fixes the split, fits the linear detector (in Node); the run page suggests segments and, the
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
  api,
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
  const { sequences } = await api.dataset(datasetId);
  const validation = new Set(sequences.filter((s) => s.split === "validation").map((s) => s.id));
  expect(validation.size).toBeGreaterThanOrEqual(2);

  // The expert labels this dataset.
  await page.locator('[data-testid="assignments.expert"][data-email="expert@dqs.local"]').check();
  await page.getByTestId("assignments.save").click();
  await expect(page.getByTestId("assignments.status")).toContainText("Saved");

  // The linear detector, fitted by the browser's code but here in Node (runs.spec.ts fits it in the browser).
  const runId = await fitLinearRunInNode(api, datasetId);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("runpage.status")).toHaveText("complete");

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
  const { batches } = await api.batches(runId);
  const queries = batches.flatMap((b) => b.queries);
  expect(queries).toHaveLength(4);
  const splitOf = new Map(sequences.map((s) => [s.id, s.split]));
  for (const q of queries) {
    expect(["train", "validation"]).toContain(splitOf.get(q.sequenceId)); // never a test stretch
    expect(q.start % suggested).toBe(0);
  }

  // The expert labels the four stretches as the data says (drives 1, 2 and 5 turn faulty at step
  // 1000), each from the offered onset. The server stores the threshold after each label; the page
  // shows it, exactly what the labels and the query pool give, and once it is refined, its optimal
  // interval as a band whose labelled ends are named.
  const context = await browser.newContext();
  const expertPage = await context.newPage();
  await new Session(expertPage).signInAs("expert");
  const ids = await sequenceIds(expertPage, datasetId);
  expect(Object.keys(ids)).toHaveLength(6);
  const faulty = new Set(["drive-1", "drive-2", "drive-5"].map((n) => ids[n]));
  const value = expertPage.getByTestId("threshold.value");
  await expertPage.goto(`/queue/${queries[0]?.id}`);
  await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
  const unsupervised = await value.textContent();
  await expect(expertPage.getByTestId("threshold.band")).toHaveCount(0); // no interval before a label
  const seen = new Set<string>();
  for (const [i, q] of queries.entries()) {
    await expertPage.goto(`/queue/${q.id}`);
    await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    await expertPage.keyboard.press(faulty.has(q.sequenceId) && q.end > 1000 ? "a" : "n");
    // The page moves on (perhaps to another spec's run in the same expert's queue): wait for the
    // server to store the threshold after this label, then look at this stretch again.
    await expect.poll(async () => (await storedFromLabels(expertPage.request, runId))?.labelCount, { timeout: 20_000 }).toBe(i + 1);
    await expertPage.goto(`/queue/${q.id}`);
    await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
    await expect(value).toHaveAttribute("data-origin", "server");
    await expect(value).toHaveAttribute("data-labels", String(i + 1));
    const expected = (await expectedThreshold(expertPage.request, runId)).state;
    await expect(value).toHaveText(formatThreshold(expected.value));
    await expect(value).toHaveAttribute("data-source", expected.source);
    // Each labelled stretch leaves the pool's unlabelled ones.
    const pool = /Weighed against (\d+) unlabelled of the query pool's (\d+) stretches/.exec(
      (await expertPage.getByTestId("threshold.pool").textContent()) ?? "",
    );
    expect(Number(pool?.[2]) - Number(pool?.[1])).toBe(i + 1);
    if (expected.source === "refined") {
      seen.add(`${await value.textContent()} ${await expertPage.getByTestId("threshold.band").textContent()}`);
      await expect(expertPage.getByTestId("label.chart.score")).toHaveAttribute("data-band", /\S/);
      await expect(expertPage.getByTestId("threshold.bounds.upper")).toContainText(/labelled (anomalous|normal) by Erik Expert/);
      await expect(expertPage.getByTestId("threshold.bounds.lower")).toContainText(
        /labelled (anomalous|normal) by Erik Expert|unbounded below/,
      );
    } else {
      await expect(expertPage.getByTestId("threshold.band")).toHaveCount(0);
      await expect(expertPage.getByTestId("threshold.reason")).toBeVisible();
    }
  }
  await expertPage.screenshot({ path: testInfo.outputPath("labelling-band.png"), fullPage: true });
  expect(unsupervised).not.toBeNull();
  expect(seen.size).toBeGreaterThan(0);
  await context.close();

  // Everyone sees the server's value on the run page.
  await page.reload();
  await expect(page.getByTestId("runpage.inEffect")).toHaveAttribute("data-kind", "refined");
});

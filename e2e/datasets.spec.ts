import { DEMO_DATASET, expect, test } from "./fixtures";

test("the demo dataset is listed with its counts, and ground truth is shown to analysts only", async ({ page, session }, testInfo) => {
  await session.signInAtHome("analyst");
  const row = page.getByTestId("datasets.row").filter({ hasText: DEMO_DATASET });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("80");
  await expect(row).toContainText("48 / 16 / 16");
  await row.getByRole("link", { name: DEMO_DATASET }).click();
  await expect(page.getByTestId("dataset.name")).toHaveText(DEMO_DATASET);
  await expect(page.getByTestId("sequences.row")).toHaveCount(80);
  await expect(page.getByTestId("sequences.table")).toContainText("Ground truth");
  await page.screenshot({ path: testInfo.outputPath("dataset-analyst.png"), fullPage: false });
});

test("an expert sees the assigned demo dataset without ground truth", async ({ page, session, api }) => {
  await session.signInAtHome("expert");
  await expect(page.getByTestId("queue.progress")).toContainText(DEMO_DATASET);
  const demo = await api.datasetNamed(DEMO_DATASET);
  const body = await api.dataset(demo.id);
  expect(body.sequences).toHaveLength(80);
  expect(body.sequences[0]).not.toHaveProperty("groundTruth");
  await page.goto(`/datasets/${demo.id}`);
  await expect(page.getByTestId("sequences.table")).not.toContainText("Ground truth");
});

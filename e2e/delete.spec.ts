import { expect, test } from "./fixtures";
import { csv, UploadPage } from "./upload-page";
import { Api } from "./api";

/**
 * Delete with care: an admin deletes a run and then a dataset after a confirmation that says what
 * goes; both deletions are in the audit log; other roles get 403 and nothing changes.
 */
const body = (offset: number) =>
  "timestamp,a,b,label\n" + Array.from({ length: 40 }, (_, k) => `${k},${Math.sin(k + offset)},${Math.cos(k)},0`).join("\n") + "\n";

async function uploadSmallDataset(page: import("@playwright/test").Page, name: string): Promise<string> {
  const upload = new UploadPage(page);
  await upload.open();
  await upload.choose([csv("a.csv", body(0)), csv("b.csv", body(1)), csv("c.csv", body(2))]);
  await expect(page.getByTestId("upload.mapping")).toBeVisible();
  await upload.submit(name);
  await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
  return page.url().split("/").at(-1) ?? "";
}

const RUN_CONFIG = { windowSize: 8, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };

test("an admin deletes a run, then its dataset, each after a confirmation that says what goes; the audit log keeps both", async ({
  page,
  session,
}, testInfo) => {
  await session.signInAs("admin");
  const name = `Delete me ${Date.now()}`;
  const datasetId = await uploadSmallDataset(page, name);
  const run = { id: await new Api(page.request).createRun(datasetId, "linear", RUN_CONFIG) };
  // A run still training is not deleted (its browser would keep writing to it).
  const busy = await page.request.delete(`/api/runs/${run.id}`, { data: { confirm: true } });
  expect(busy.status()).toBe(409);
  expect((await busy.json()).error.message).toContain("still training");
  expect((await page.request.post(`/api/runs/${run.id}/interrupt`)).ok()).toBe(true);

  await page.goto(`/runs/${run.id}`);
  await page.getByTestId("delete.run").click();
  await expect(page.getByTestId("delete.summary")).toContainText(/^Deletes the run linear \w+\./);
  await page.screenshot({ path: testInfo.outputPath("delete-run.png"), fullPage: true });
  await page.getByTestId("delete.confirm").click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${datasetId}/runs$`));
  expect((await page.request.get(`/api/runs/${run.id}`)).status()).toBe(404);

  await page.goto(`/datasets/${datasetId}`);
  await page.getByTestId("delete.dataset").click();
  await expect(page.getByTestId("delete.summary")).toHaveText(`Deletes the dataset “${name}” with 3 sequences. This cannot be undone.`);
  await expect(page.getByTestId("delete.confirm")).toBeDisabled();
  await page.getByTestId("delete.confirmName").fill("not the name");
  await expect(page.getByTestId("delete.confirm")).toBeDisabled();
  await page.getByTestId("delete.confirmName").fill(name);
  await page.screenshot({ path: testInfo.outputPath("delete-dataset.png"), fullPage: true });
  await page.getByTestId("delete.confirm").click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  expect((await page.request.get(`/api/datasets/${datasetId}`)).status()).toBe(404);

  await page.getByTestId("nav.audit").click();
  const rows = page.getByTestId("audit.row");
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasText: name })).toContainText("Ada Admin");
  await expect(rows.filter({ hasText: `run linear ${run.id.slice(-6)}` })).toHaveAttribute("data-action", "run.delete");
});

test("a wrong name, a missing confirmation and the wrong role change nothing", async ({ page, session, browser }) => {
  await session.signInAs("admin");
  const name = `Keep me ${Date.now()}`;
  const datasetId = await uploadSmallDataset(page, name);
  const wrong = await page.request.delete(`/api/datasets/${datasetId}`, { data: { confirmName: "nope" } });
  expect(wrong.status()).toBe(422);
  expect((await wrong.json()).error.message).toContain(`Type the dataset's name exactly (“${name}”)`);
  const missing = await page.request.delete(`/api/datasets/${datasetId}`, { data: {} });
  expect(missing.status()).toBe(422);

  for (const role of ["analyst", "expert"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    const { Session } = await import("./fixtures");
    await new Session(other).signInAs(role);
    expect((await other.request.delete(`/api/datasets/${datasetId}`, { data: { confirmName: name } })).status()).toBe(403);
    await context.close();
  }
  const still = await page.request.get(`/api/datasets/${datasetId}`);
  expect(still.status()).toBe(200);
  await page.goto(`/datasets/${datasetId}`);
  await expect(page.getByTestId("sequences.row")).toHaveCount(3);
});

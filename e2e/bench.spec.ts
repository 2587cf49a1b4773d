import { expect, test } from "./fixtures";

test("an admin checks the DQS paths of this browser: one thread, the DTW worker pool and WebGPU make the same picks", async ({
  page,
  session,
}, testInfo) => {
  test.setTimeout(4 * 60_000);
  await session.signInAs("admin");
  await page.goto("/admin/bench");
  await page.getByTestId("dqscheck.run").click();
  const check = page.getByTestId("dqscheck");
  await expect(check).toHaveAttribute("data-state", "done", { timeout: 3 * 60_000 });
  const rows = page.getByTestId("dqscheck.row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(/pool of \d DTW workers/);
  await expect(page.getByTestId("dqscheck.same")).toHaveText(["yes", "yes", "yes"]);
  // The test browser runs WebGPU on SwiftShader: checked against the CPU, and not used for batches.
  await expect(rows.nth(2)).toContainText("swiftshader");
  await expect(rows.nth(2)).toContainText("not used for batches");
  const gpu = page.getByTestId("dqscheck.gpu");
  const error = Number(await gpu.getAttribute("data-error"));
  const bound = Number(await gpu.getAttribute("data-bound"));
  expect(error).toBeGreaterThanOrEqual(0);
  expect(error).toBeLessThanOrEqual(bound);
  await page.screenshot({ path: testInfo.outputPath("dqs-check.png"), fullPage: true });
});

test("an admin checks the fused LSTM's WGSL kernels on this browser's WebGPU adapter against the op-by-op LSTM @heavy", async ({
  page,
  session,
}, testInfo) => {
  test.setTimeout(12 * 60_000);
  await session.signInAs("admin");
  await page.goto("/admin/bench");
  await page.getByTestId("lstmcheck.check").click();
  const check = page.getByTestId("lstmcheck");
  await expect(check).toHaveAttribute("data-state", "done", { timeout: 11 * 60_000 });
  // The test browser's adapter is SwiftShader, and the page says its timings are not a GPU's.
  await expect(page.getByTestId("lstmcheck.adapter")).toContainText("swiftshader");
  await expect(page.getByTestId("lstmcheck.adapter")).toContainText("software adapter");
  // Both directions, batch 1 and more, units a multiple of 4 and not: outputs and all 13 gradients within tolerance.
  await expect(page.getByTestId("lstmcheck.layer")).toHaveCount(4);
  await expect(page.getByTestId("lstmcheck.layer-ok")).toHaveText(["yes", "yes", "yes", "yes"]);
  await expect(page.getByTestId("lstmcheck.training-ok")).toHaveText("same");
  const error = Number(await page.getByTestId("lstmcheck.training").getAttribute("data-error"));
  expect(error).toBeGreaterThanOrEqual(0);
  expect(error).toBeLessThan(1e-5);
  await page.screenshot({ path: testInfo.outputPath("lstm-check.png"), fullPage: true });
});

test("the benchmark page is for admins only", async ({ page, session }) => {
  await session.signInAs("analyst");
  const response = await page.goto("/admin/bench");
  expect(response?.status()).toBe(403);
});

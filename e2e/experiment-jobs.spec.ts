import { signedInContext } from "./api-helpers";
import { expect, test } from "./fixtures";
import { getJson } from "./api";

/**
 * Experiments started from the Experiments page: the seeded report is there on a fresh start; an
 * admin starts the harness with the page's form, sees its progress, cancels it, then starts a tiny one
 * and sees it finish; only one runs at a time; analysts see the reports but no form.
 */
const SEEDED = "demo-linear-quick";

type Job = { reportId: string; status: string };
/** Valid settings of a small experiment (for the API calls that must be refused). */
const SETTINGS = {
  dataset: "demo",
  detector: "linear",
  strategies: ["random"],
  budgets: [2],
  mislabel: [0],
  folds: 1,
  seeds: 1,
  stages: "all",
  quick: true,
};

test.describe.serial("experiments started from the app", () => {
  test("the demo seed's finished report is listed on a fresh start", async ({ page, session }) => {
    await session.signInAs("analyst");
    await page.goto("/experiments");
    const item = page.locator(`[data-testid="exp.item"][data-id="${SEEDED}"]`);
    await expect(item).toHaveAttribute("data-status", "done");
    await expect(page.getByTestId("exp.empty")).toHaveCount(0);
    // Analysts read reports; starting one is for admins.
    await expect(page.getByTestId("exp.start")).toHaveCount(0);
    await item.getByTestId("exp.link").click();
    await expect(page.getByTestId("exp.chart").locator("canvas").first()).toBeVisible();
    await expect(page.getByTestId("exp.row").first()).toBeVisible();
  });

  test("an admin starts an experiment, sees its progress, and cancels it; a second start meanwhile is refused", async ({
    page,
    session,
  }, testInfo) => {
    test.setTimeout(120_000);
    await session.signInAs("admin");
    await page.goto("/experiments");
    const form = page.getByTestId("exp.start");
    await expect(form).toBeVisible();
    // Bad input is refused in words and starts nothing.
    await form.getByTestId("exp.form.budgets").fill("2, x");
    await form.getByTestId("exp.form.start").click();
    await expect(form.getByTestId("exp.form.status")).toContainText("Budgets");
    await expect(page.getByTestId("exp.job")).toHaveCount(0);

    // The LSTM autoencoder trains for minutes: long enough to watch and cancel.
    await form.getByTestId("exp.form.name").fill("E2E cancelled");
    await form.getByTestId("exp.form.budgets").fill("2");
    await form.getByTestId("exp.form.sequences").fill("24");
    await form.getByTestId("exp.form.detector").selectOption("lstm-ae");
    await form.getByTestId("exp.form.start").click();
    const job = page.getByTestId("exp.job");
    await expect(job).toBeVisible();
    const reportId = (await job.getAttribute("data-report")) ?? "";
    expect(reportId).toMatch(/^ui-/);
    await expect(job.getByTestId("exp.progress")).toBeVisible({ timeout: 60_000 });
    await expect(job.getByTestId("exp.phase")).toContainText("fold 1/2");
    const item = page.locator(`[data-testid="exp.item"][data-id="${reportId}"]`);
    await expect(item).toHaveAttribute("data-status", "running");
    await page.screenshot({ path: testInfo.outputPath("experiments-running.png") });

    // One at a time: the API refuses a second start while this one runs.
    const second = await page.request.post("/api/experiments", { data: SETTINGS });
    expect(second.status()).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain(reportId);

    await job.getByTestId("exp.cancel").click();
    await expect(item).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
    await expect(page.getByTestId("exp.job")).toHaveCount(0);
    await expect(page.getByTestId("exp.start")).toBeVisible();
    const { experiments } = await getJson<{ experiments: { id: string; report?: { status: string; error?: string } }[] }>(
      page.request,
      "/api/experiments",
    );
    expect(experiments.find((e) => e.id === reportId)?.report).toMatchObject({ status: "cancelled", error: "Cancelled by Ada Admin." });
    // A finished one cannot be cancelled again.
    expect((await page.request.delete(`/api/experiments/${reportId}`)).status()).toBe(409);
  });

  test("an admin starts a tiny experiment and sees it finish", async ({ page, session }, testInfo) => {
    test.setTimeout(120_000);
    await session.signInAs("admin");
    await page.goto("/experiments");
    const form = page.getByTestId("exp.start");
    await form.getByTestId("exp.form.name").fill("E2E tiny from the page");
    await form.getByTestId("exp.form.sequences").fill("16");
    for (const s of ["dqs", "top"]) await form.getByTestId(`exp.form.strategy.${s}`).uncheck();
    await form.getByTestId("exp.form.budgets").fill("2");
    await form.getByTestId("exp.form.start").click();
    const job = page.getByTestId("exp.job");
    await expect(job).toBeVisible();
    const reportId = (await job.getAttribute("data-report")) ?? "";
    const item = page.locator(`[data-testid="exp.item"][data-id="${reportId}"]`);
    await expect(item).toHaveAttribute("data-status", "done", { timeout: 60_000 });
    await expect(page.getByTestId("exp.job")).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("experiments-done.png") });
    await item.getByTestId("exp.link").click();
    await expect(page.getByTestId("exp.name")).toHaveText("E2E tiny from the page");
    await expect(page.getByTestId("exp.chart")).toHaveAttribute("data-strategies", "random");
  });

  test("analysts and experts cannot start or cancel one", async ({ browser }) => {
    for (const role of ["analyst", "expert"] as const) {
      const context = await signedInContext(browser, role);
      expect((await context.request.post("/api/experiments", { data: SETTINGS })).status()).toBe(403);
      expect((await context.request.delete(`/api/experiments/${SEEDED}`)).status()).toBe(403);
      await context.close();
    }
    const admin = await signedInContext(browser, "admin");
    // The seeded report was not started from the app: nothing to cancel.
    expect((await admin.request.delete(`/api/experiments/${SEEDED}`)).status()).toBe(404);
    const jobs = await getJson<{ active: Job | null }>(admin.request, "/api/experiments");
    expect(jobs.active).toBeNull();
    await admin.close();
  });
});

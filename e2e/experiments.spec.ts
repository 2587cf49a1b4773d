/**
 * The Experiments page on a report written by the real evaluation harness (scripts/eval.ts), run here
 * with a tiny configuration into the e2e server's DATA_DIR: the list, the page following the run until
 * it is done, the figure (one line per strategy, the two baselines), the table, the selectors, the
 * download; experts get 403; a corrupt report file is listed as unreadable without breaking the list.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseReport, type ExperimentReport } from "../lib/eval/report";
import { expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** e2e/serve.sh starts the server with DATA_DIR=./.data/e2e-$PORT. */
const DIR = path.resolve(`.data/e2e-${PORT}/experiments`);
const ID = "e2e-tiny";
const FILE = path.join(DIR, `${ID}.json`);
const CORRUPT = path.join(DIR, "e2e-corrupt.json");
const WRONG_SHAPE = path.join(DIR, "e2e-wrong-shape.json");

const HARNESS_ARGS = [
  "tsx",
  "--conditions=react-server",
  "scripts/eval.ts",
  "--sequences",
  "16",
  "--folds",
  "2",
  "--seeds",
  "1",
  "--budgets",
  "1,2",
  "--mislabel",
  "0,0.5",
  "--stages",
  "0.5,1",
  "--epochs",
  "1",
  "--detector",
  "lstm-ae",
  "--hidden",
  "4",
  "--window",
  "8",
  "--max-windows",
  "128",
  "--batch-size",
  "32",
  "--backend",
  "cpu",
  "--no-cache",
  "--name",
  "E2E tiny",
  "--id",
  ID,
  "--out",
  DIR,
];

let harness: Promise<{ code: number | null; output: string }>;

const readReport = (): ExperimentReport => parseReport(JSON.parse(readFileSync(FILE, "utf8")));

test.describe("experiments", () => {
  test.describe.configure({ mode: "serial", timeout: 10 * 60_000 });

  test.beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    rmSync(FILE, { force: true });
    writeFileSync(CORRUPT, '{"version": 1, "id": "e2e-corrupt", "rows": [');
    writeFileSync(WRONG_SHAPE, JSON.stringify({ version: 1, id: "e2e-wrong-shape", name: "Wrong shape", rows: "none" }));
    // The real harness, started here and left running: the first test watches the page follow it.
    const child = spawn("npx", HARNESS_ARGS, { env: { ...process.env, DATA_DIR: path.dirname(DIR) }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let exited = false;
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    harness = new Promise((resolve) => child.on("close", (code) => ((exited = true), resolve({ code, output }))));
    // The harness writes its report as soon as it starts (and rewrites it as it goes).
    const started = () => (existsSync(FILE) ? "report written" : exited ? `harness exited early:\n${output}` : "waiting");
    await expect.poll(started, { timeout: 120_000, intervals: [500] }).toBe("report written");
  });

  test.afterAll(() => {
    rmSync(CORRUPT, { force: true });
    rmSync(WRONG_SHAPE, { force: true });
  });

  test("an analyst follows the running experiment from the list until it is done", async ({ page, session }, testInfo) => {
    await session.signInAtHome("analyst");
    await page.getByTestId("nav.experiments").click();
    await expect(page).toHaveURL(/\/experiments$/);
    const item = page.locator(`[data-testid="exp.item"][data-id="${ID}"]`);
    await expect(item).toBeVisible();
    if ((await item.getAttribute("data-status")) === "running") await expect(item.getByTestId("exp.progress")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("experiments-list-running.png"), fullPage: true });

    await item.getByTestId("exp.link").click();
    await expect(page).toHaveURL(new RegExp(`/experiments/${ID}$`));
    const view = page.getByTestId("exp.view");
    if ((await view.getAttribute("data-status")) === "running") {
      await expect(page.getByTestId("exp.running").getByTestId("exp.progress")).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath("experiment-running.png"), fullPage: true });
    }
    // No reload: the page polls the report until the harness has finished.
    await expect(view).toHaveAttribute("data-status", "done", { timeout: 8 * 60_000 });
    const { code, output } = await harness;
    expect(code, output).toBe(0);
    await expect(page.getByTestId("exp.running")).toHaveCount(0);
  });

  test("the figure draws one line per strategy and the three baselines; the table has the stage's rows", async ({
    page,
    session,
  }, testInfo) => {
    const report = readReport();
    expect(report.status).toBe("done");
    await session.signInAs("analyst");
    await page.goto(`/experiments/${ID}`);
    await expect(page.getByTestId("exp.name")).toHaveText(report.name);

    const chart = page.getByTestId("exp.chart");
    await expect(chart.locator("canvas").first()).toBeVisible();
    await expect(chart).toHaveAttribute("data-strategies", report.settings.strategies.join(","));
    await expect(chart).toHaveAttribute("data-baselines", "unsupervised,best,oracle");
    await expect(chart).toHaveAttribute("data-stage", "1");
    await expect(chart).toHaveAttribute("data-mislabel", "0");
    await expect(page.getByTestId("exp.stage")).toHaveValue("1");
    await expect(page.getByTestId("exp.mislabel")).toHaveValue("0");

    const atStage = (stage: number) => report.rows.filter((r) => r.stage === stage);
    const rows = page.getByTestId("exp.row");
    await expect(rows).toHaveCount(atStage(1).length);
    // The baselines first, then every strategy at each mislabel rate and budget.
    expect(atStage(1).length).toBe(3 + report.settings.strategies.length * 2 * 2);
    await expect(rows.nth(0)).toHaveAttribute("data-strategy", "unsupervised");
    await expect(rows.nth(1)).toHaveAttribute("data-strategy", "best");
    await expect(rows.nth(2)).toHaveAttribute("data-strategy", "oracle");
    const dqs = atStage(1).find(
      (r) => r.strategy === "dqs" && r.mislabel === 0 && r.budget === Math.max(...atStage(1).map((x) => x.budget ?? 0)),
    );
    const dqsRow = page.locator(`[data-testid="exp.row"][data-strategy="dqs"][data-mislabel="0"][data-budget="${dqs?.budget}"]`);
    await expect(dqsRow.locator("td").nth(3)).toHaveText(`${dqs?.f1.mean.toFixed(3)} ± ${dqs?.f1.std.toFixed(3)}`);
    const separability = report.separability?.find((s) => s.stage === 1);
    expect(separability?.n).toBe(report.settings.folds);
    await expect(page.getByTestId("exp.separability")).toContainText(
      `test ${separability?.test?.mean.toFixed(2)} ± ${separability?.test?.std.toFixed(2)}`,
    );
    // The contamination estimate against the truth, per strategy and budget, as the report holds it.
    const contamination = (report.contamination ?? []).filter((r) => r.stage === 1 && r.mislabel === 0);
    expect(contamination.length).toBeGreaterThan(0);
    await expect(page.getByTestId("exp.contamination.row")).toHaveCount(contamination.length);
    // Random draws have known probabilities, so their labels give an estimate.
    const randomAlpha = contamination.find((r) => r.strategy === "random");
    const estimate = randomAlpha?.estimate;
    expect(estimate).toBeTruthy();
    const cell = page
      .locator(`[data-testid="exp.contamination.row"][data-strategy="random"][data-budget="${randomAlpha?.budget}"]`)
      .getByTestId("exp.contamination.estimate");
    await expect(cell).toHaveText(`${estimate?.mean.toFixed(3)} ± ${estimate?.std.toFixed(3)}`);
    await expect(page.getByTestId("exp.settings")).toContainText(report.settings.detector);
    await expect(page.getByTestId("exp.timings")).toContainText("Training + scoring");
    await page.screenshot({ path: testInfo.outputPath("experiment-figure.png"), fullPage: true });

    // Switching the mislabel rate and the stage redraws the figure (and the table follows the stage).
    await page.getByTestId("exp.mislabel").selectOption("0.5");
    await expect(chart).toHaveAttribute("data-mislabel", "0.5");
    await expect(chart).toHaveAttribute("data-strategies", report.settings.strategies.join(","));
    await page.getByTestId("exp.stage").selectOption("0.5");
    await expect(chart).toHaveAttribute("data-stage", "0.5");
    await expect(rows).toHaveCount(atStage(0.5).length);
    await expect(chart).toHaveAttribute("data-baselines", "unsupervised,best,oracle");
    await page.getByTestId("exp.metric.recall").click();
    await expect(chart).toHaveAttribute("data-metric", "recall");
    await page.screenshot({ path: testInfo.outputPath("experiment-stage-half.png"), fullPage: true });
  });

  test("the report downloads as JSON", async ({ page, session }) => {
    await session.signInAs("analyst");
    const response = await page.request.get(`/api/experiments/${ID}/download`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain(`experiment-${ID}.json`);
    expect(parseReport(await response.json()).id).toBe(ID);
    expect((await page.request.get(`/api/experiments/${ID}`)).status()).toBe(200);
    expect((await page.request.get("/api/experiments/..%2F..%2Fsession-secret")).status()).toBe(404);
    expect((await page.request.get("/api/experiments/no-such-experiment")).status()).toBe(404);
  });

  test("a corrupt or malformed report is listed as unreadable; the rest of the list still works", async ({ page, session }, testInfo) => {
    await session.signInAs("admin");
    await page.goto("/experiments");
    const corrupt = page.locator('[data-testid="exp.item"][data-id="e2e-corrupt"]');
    await expect(corrupt).toHaveAttribute("data-status", "unreadable");
    await expect(corrupt.getByTestId("exp.unreadable")).toContainText("not valid JSON");
    const wrong = page.locator('[data-testid="exp.item"][data-id="e2e-wrong-shape"]');
    await expect(wrong.getByTestId("exp.unreadable")).toContainText("does not match the report format");
    await expect(page.locator(`[data-testid="exp.item"][data-id="${ID}"]`).getByTestId("exp.link")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("experiments-list.png"), fullPage: true });
    const direct = await page.goto("/experiments/e2e-corrupt");
    expect(direct?.status()).toBe(200);
    await expect(page.getByTestId("exp.unreadable")).toContainText("not valid JSON");
    expect((await page.request.get("/api/experiments/e2e-corrupt")).status()).toBe(422);
  });

  test("an expert gets 403 on the page and from the API, and has no Experiments link", async ({ page, session, request }) => {
    expect((await request.get(`/api/experiments/${ID}`)).status()).toBe(401);
    await session.signInAtHome("expert");
    await expect(page.getByTestId("nav.experiments")).toHaveCount(0);
    const response = await page.goto("/experiments");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    expect((await page.goto(`/experiments/${ID}`))?.status()).toBe(403);
    expect((await page.request.get(`/api/experiments/${ID}`)).status()).toBe(403);
    expect((await page.request.get(`/api/experiments/${ID}/download`)).status()).toBe(403);
  });
});

import type { Page } from "@playwright/test";
import { DEMO_DATASET, expect, Session, test } from "./fixtures";
import { Api, jsonOf } from "./api";
import { csvMapping } from "./column-split-upload";
import type { SeriesPayload } from "../lib/charts/series-data";
import type { GroundTruthView } from "../lib/server/series";

/** Opens the demo dataset and the viewer of its first anomalous sequence (or the first one). */
async function openDemoSequence(page: Page, anomalous: boolean): Promise<string> {
  await page.goto("/datasets");
  await page.getByTestId("datasets.row").filter({ hasText: DEMO_DATASET }).getByRole("link").click();
  const rows = page.getByTestId("sequences.row");
  const row = anomalous ? rows.filter({ hasText: "from step" }).first() : rows.first();
  await row.getByTestId("sequences.link").click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+\/sequences\/[^/]+$/);
  await expect(page.getByTestId("viewer.chart")).toHaveAttribute("data-ready", "true");
  return page.url().split("/").at(-1) ?? "";
}

test.describe("sequence viewer", () => {
  test("an analyst sees all channels with ground truth, hides a channel and zooms in with a refetch", async ({
    page,
    session,
  }, testInfo) => {
    await session.signInAs("analyst");
    const sequenceId = await openDemoSequence(page, true);
    const chart = page.getByTestId("viewer.chart");
    await expect(chart).toHaveAttribute("data-visible", "8");
    await expect(page.getByTestId("viewer.groundtruth")).toContainText("Ground truth: anomalous");
    await page.screenshot({ path: testInfo.outputPath("viewer-analyst.png"), fullPage: true });

    await page.getByTestId("viewer.channel.speed").uncheck();
    await expect(chart).toHaveAttribute("data-visible", "7");
    await expect(page.getByTestId("viewer.channel.speed")).not.toBeChecked();

    const fetches = Number(await chart.getAttribute("data-fetches"));
    const length = Number((await chart.getAttribute("data-window"))?.split("-")[1]);
    const fetchCount = async () => Number(await chart.getAttribute("data-fetches"));
    const windowWidth = async () => {
      const [from, to] = ((await chart.getAttribute("data-window")) ?? "").split("-").map(Number);
      return (to ?? 0) - (from ?? 0);
    };
    // Two zoom-ins refetch the visible window (once when the clicks fall within the debounce, twice
    // on a slow machine when they do not), ending on a quarter of the sequence.
    await page.getByTestId("viewer.zoom-in").click();
    await page.getByTestId("viewer.zoom-in").click();
    await expect.poll(windowWidth).toBeLessThanOrEqual(Math.ceil(length / 4) + 1);
    await expect.poll(fetchCount).toBeGreaterThan(fetches);
    await expect(chart).toHaveAttribute("data-ready", "true");
    const zoomed = await fetchCount();
    const zoomedWidth = await windowWidth();

    const box = await chart.boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + 120);
    await page.mouse.wheel(0, -600);
    await expect.poll(windowWidth).toBeLessThan(zoomedWidth);
    await expect.poll(fetchCount).toBeGreaterThan(zoomed);
    await expect(page.getByTestId("viewer.status")).toContainText("7 of 8 channels");
    await page.screenshot({ path: testInfo.outputPath("viewer-zoomed.png"), fullPage: true });

    const series = await page.request.get(`/api/sequences/${sequenceId}/series?points=200`);
    const body = await jsonOf<SeriesPayload>(series);
    expect(body.downsampled).toBe(true);
    expect(body.channels).toHaveLength(8);
    for (const c of body.channels) expect(c.x.length).toBeLessThanOrEqual(200);
    const truth = await page.request.get(`/api/sequences/${sequenceId}/ground-truth`);
    expect(truth.status()).toBe(200);
    expect((await jsonOf<{ groundTruth: GroundTruthView }>(truth)).groundTruth.anomalous).toBe(true);
  });

  test("an expert sees the series but no ground truth, in the page or from the API", async ({ page, session }) => {
    await session.signInAs("expert");
    await page.goto("/datasets");
    const sequenceId = await openDemoSequence(page, false);
    await expect(page.getByTestId("viewer.groundtruth")).toHaveCount(0);
    const series = await page.request.get(`/api/sequences/${sequenceId}/series?from=10&to=400&points=100`);
    expect(series.status()).toBe(200);
    const body = await jsonOf<SeriesPayload>(series);
    expect(body).not.toHaveProperty("groundTruth");
    expect(body.from).toBe(10);
    expect(body.channels[0]?.x[0]).toBe(10);
    expect((await page.request.get(`/api/sequences/${sequenceId}/ground-truth`)).status()).toBe(403);
  });

  test("an expert cannot read series of a dataset not assigned to them", async ({ page, session, browser }) => {
    await session.signInAs("admin");
    const name = `Unassigned ${Date.now()}`;
    const mapping = csvMapping(name, { sequenceColumn: null, split: { kind: "ratios", train: 1, validation: 0, test: 0, seed: 1 } });
    const api = new Api(page.request);
    const imported = await api.importCsv(mapping, `a\n${Array.from({ length: 50 }, (_, i) => i).join("\n")}\n`, "one.csv");
    const detail = await api.dataset(imported.datasetId);
    const sequenceId = detail.sequences[0]?.id ?? "";
    expect((await page.request.get(`/api/sequences/${sequenceId}/series`)).status()).toBe(200);

    const expert = await browser.newPage();
    await new Session(expert).signInAs("expert");
    expect((await expert.request.get(`/api/sequences/${sequenceId}/series`)).status()).toBe(404);
    expect((await expert.goto(`/datasets/${imported.datasetId}/sequences/${sequenceId}`))?.status()).toBe(404);
    await expert.close();
  });
});

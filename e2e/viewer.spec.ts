import type { Page } from "@playwright/test";
import { DEMO_DATASET, expect, Session, test } from "./fixtures";
import { AA_TEXT, contrastRatio } from "../lib/charts/contrast";
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

  test("an analyst drags to zoom: the y axes rescale, the URL holds the window and a reload keeps it", async ({
    page,
    session,
  }, testInfo) => {
    await session.signInAs("analyst");
    await openDemoSequence(page, true);
    const chart = page.getByTestId("viewer.chart");
    // The demo dataset's units name the axes and the channel boxes.
    await expect(chart).toHaveAttribute("data-axis-names", /^speed \(km\/h\)\|torque \(N·m\)\|/);
    await expect(page.getByTestId("viewer.channels")).toContainText("motor_speed (rpm)");
    expect(new URL(page.url()).searchParams.get("from")).toBeNull();
    const wholeRange = await chart.getAttribute("data-y-range");
    const length = Number((await chart.getAttribute("data-window"))?.split("-")[1]);
    const fetches = Number(await chart.getAttribute("data-fetches"));
    const history = await page.evaluate(() => window.history.length);

    // Drag across the first channel's plot, from 40 % to 45 % of the width.
    const box = await chart.boundingBox();
    const x = (f: number) => (box?.x ?? 0) + 72 + ((box?.width ?? 0) - 96) * f;
    const y = (box?.y ?? 0) + 80;
    await page.mouse.move(x(0.4), y);
    await page.mouse.down();
    await page.mouse.move(x(0.43), y, { steps: 4 });
    await expect(page.getByTestId("viewer.drag-band")).toBeVisible();
    await page.mouse.move(x(0.45), y, { steps: 2 });
    await page.mouse.up();
    await expect(page.getByTestId("viewer.drag-band")).toHaveCount(0);
    await expect.poll(async () => (await chart.getAttribute("data-window")) ?? "").not.toBe(`0-${length}`);
    // The zoomed-in window's detail arrives (and the y axes fit it) before the range is read.
    await expect.poll(async () => Number(await chart.getAttribute("data-fetches"))).toBeGreaterThan(fetches);
    await expect(page.getByTestId("viewer.status")).not.toContainText("Loading");
    const windowText = (await chart.getAttribute("data-window")) ?? "";
    const [from, to] = windowText.split("-").map(Number);
    expect((to ?? 0) - (from ?? 0)).toBeLessThan(length * 0.1);
    expect(from).toBeGreaterThan(length * 0.35);
    await expect(chart).not.toHaveAttribute("data-y-range", wholeRange ?? "");
    const zoomedRange = (await chart.getAttribute("data-y-range")) ?? "";
    const [lo, hi] = zoomedRange.split("..").map(Number);
    const [wlo, whi] = (wholeRange ?? "").split("..").map(Number);
    expect((hi ?? 0) - (lo ?? 0)).toBeLessThan((whi ?? 0) - (wlo ?? 0));
    // The window goes into the address bar (replaced, not pushed).
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe(String(from));
    expect(new URL(page.url()).searchParams.get("to")).toBe(String(to));
    expect(await page.evaluate(() => window.history.length)).toBe(history);
    await expect(chart).toHaveAttribute("data-ready", "true");
    await page.mouse.move(x(0.5), y);
    await expect(page.locator(".viewer-chart")).toContainText(/\d:\d\d:\d\d(\.\d)? · step [\d,]+[\s\S]*speed [\d.,-]+ km\/h/);
    await page.screenshot({ path: testInfo.outputPath("viewer-zoomed-light.png"), fullPage: true });

    await page.reload();
    await expect(chart).toHaveAttribute("data-ready", "true");
    await expect(chart).toHaveAttribute("data-window", windowText);
    await expect(chart).toHaveAttribute("data-y-range", zoomedRange);
    expect(await page.evaluate(() => window.history.length)).toBe(history);

    // The whole sequence again: the parameters leave the address.
    await page.getByTestId("viewer.reset").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBeNull();
    await expect(chart).toHaveAttribute("data-y-range", wholeRange ?? "");
  });

  test("with the system in dark mode the viewer is dark and its text keeps AA contrast", async ({ page, session }, testInfo) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await session.signInAs("analyst");
    await openDemoSequence(page, true);
    const chart = page.getByTestId("viewer.chart");
    await expect(chart).toHaveAttribute("data-scheme", "dark");
    await page.getByTestId("viewer.zoom-in").click();
    await page.getByTestId("viewer.zoom-in").click();
    await expect(chart).toHaveAttribute("data-ready", "true");
    const colours = await page.evaluate(() => {
      const style = (el: Element | null) => (el ? getComputedStyle(el) : null);
      const pick = (selector: string) => {
        const el = document.querySelector(selector);
        return { color: style(el)?.color ?? "" };
      };
      return {
        // The page's background is the root element's (body is transparent over it).
        body: style(document.documentElement)?.backgroundColor ?? "",
        panel: style(document.querySelector(".panel"))?.backgroundColor ?? "",
        texts: [
          pick("[data-testid=viewer\\.name]"),
          pick("[data-testid=viewer\\.meta]"),
          pick(".crumbs a"),
          pick("[data-testid=viewer\\.groundtruth]"),
          pick("[data-testid=viewer\\.status]"),
          pick("label.check"),
          pick("[data-testid=viewer\\.zoom-in]"),
        ],
      };
    });
    // A dark page: the background's luminance is low (contrast with black under 2:1).
    expect(contrastRatio("#000000", colours.body)).toBeLessThan(2);
    expect(contrastRatio("#000000", colours.panel)).toBeLessThan(2);
    for (const t of colours.texts.slice(0, 3)) expect(contrastRatio(t.color, colours.body), t.color).toBeGreaterThanOrEqual(AA_TEXT);
    for (const t of colours.texts.slice(3)) expect(contrastRatio(t.color, colours.panel), t.color).toBeGreaterThanOrEqual(AA_TEXT);
    await page.screenshot({ path: testInfo.outputPath("viewer-zoomed-dark.png"), fullPage: true });
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

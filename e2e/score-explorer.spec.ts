import { randomUUID } from "node:crypto";
import type { Api } from "./api";
import { expect, test } from "./fixtures";
import { storeScoredRun } from "./scored-run";
import { csvMapping } from "./column-split-upload";

/**
 * The analyst's score explorer and the runs compared, on a small dataset uploaded here with two runs
 * whose scores are put through the API (no training). Twelve sequences of 30 steps: q0–q1 train,
 * q2–q5 validation, q6–q11 test; the test split has ground truth, q6–q8 anomalous from step 15.
 * Scores: q6–q8 rise to 4 + k/… from step 15, q9 (normal) has one bump of 5, q4 one of 3.5; the
 * others stay below 2. At the first run's threshold 3 the predicted anomalous are q4, q6–q9.
 * Each test sets up its own dataset and runs (a second or two), so that each runs alone.
 */
const LENGTH = 30;
const ONSET = 15;
const NAMES = Array.from({ length: 12 }, (_, k) => `q${k}`);
const splitOf = (k: number) => (k < 2 ? "train" : k < 6 ? "validation" : "test");
const anomalous = (k: number) => k >= 6 && k <= 8;

function scoreOf(name: string): Float32Array {
  const k = Number(name.slice(1));
  const score = new Float32Array(LENGTH).fill(1 + 0.05 * k);
  if (anomalous(k)) score.fill(4 + k, ONSET); // q6 10, q7 11, q8 12
  if (k === 9) score[5] = 5;
  if (k === 4) score[5] = 3.5;
  return score;
}

function upload(api: Api, name: string, csv: string, labelColumn: string | null): Promise<string> {
  return api.importCsv(csvMapping(name, { labelColumn }), csv, "e.csv").then((r) => r.datasetId);
}

/** The twelve sequences with ground truth (as an admin), and two runs of their scores: thresholds 3 and 11.5. */
async function setUp(api: Api) {
  const csv = [
    "seq,split,label,a",
    ...NAMES.flatMap((n, k) =>
      Array.from({ length: LENGTH }, (_, i) => `${n},${splitOf(k)},${anomalous(k) && i >= ONSET ? 1 : 0},${(i % 3) + k}`),
    ),
  ].join("\n");
  const datasetId = await upload(api, `Explorer ${randomUUID().slice(0, 8)}`, csv, "label");
  const { sequences } = await api.dataset(datasetId);
  expect(sequences).toHaveLength(12);
  const runs = [
    await storeScoredRun(api, datasetId, sequences, (s) => scoreOf(s.name), 3),
    await storeScoredRun(api, datasetId, sequences, (s) => scoreOf(s.name), 11.5),
  ];
  return { datasetId, sequences, runs };
}

test.describe("the analyst's score explorer", () => {
  test("the analyst reads the settings, filters and sorts the explorer, and opens a sequence", async ({
    page,
    session,
    apiAs,
  }, testInfo) => {
    const shared = await setUp(await apiAs("admin"));
    await session.signInAs("analyst");
    await page.goto(`/runs/${shared.runs[0]}`);
    await expect(page.getByTestId("runpage.status")).toHaveText("complete");
    // Only the linear detector's settings (the run form's epochs, window … are stored but unused), each with what it means; no loss chart.
    await expect(page.getByTestId("runpage.setting.name")).toHaveText(["lags", "ridge", "seed"]);
    await expect(page.getByTestId("runpage.setting.value")).toHaveText(["2", "1", "1"]);
    await expect(page.getByTestId("runpage.setting.meaning").first()).toContainText("past steps");
    await expect(page.getByTestId("runpage.fitted")).toContainText("one pass");
    await expect(page.getByRole("heading", { name: /^Training/ })).toHaveCount(0);

    const count = page.getByTestId("scores.count");
    const rows = page.getByTestId("scores.row");
    await expect(count).toHaveAttribute("data-shown", "12");
    await expect(page.getByTestId("scores.spark")).toHaveCount(12);
    // Highest max score first by default; tooltips and cells rounded.
    await expect(rows.first()).toHaveAttribute("data-sequence", "q8");
    await expect(rows.first().getByTestId("scores.max")).toHaveText("12");
    await page.screenshot({ path: testInfo.outputPath("run-page.png"), fullPage: false });

    await page.getByTestId("scores.filterSplit").selectOption("test");
    await expect(count).toHaveAttribute("data-shown", "6");
    await page.getByTestId("scores.filterPredicted").selectOption("anomalous");
    await expect(count).toHaveAttribute("data-shown", "4");
    await expect(rows).toHaveText([/q8/, /q7/, /q6/, /q9/]);
    await page.getByTestId("scores.filterPredicted").selectOption("normal");
    await expect(count).toHaveAttribute("data-shown", "2");
    await expect(page.getByTestId("scores.predicted")).toHaveText(["normal", "normal"]);
    await page.getByTestId("scores.filterSplit").selectOption("all");
    await expect(count).toHaveAttribute("data-shown", "7");
    await page.getByTestId("scores.filterPredicted").selectOption("all");
    await page.getByTestId("scores.sort").selectOption("name");
    await expect(rows.first()).toHaveAttribute("data-sequence", "q0");
    await expect(rows.nth(2)).toHaveAttribute("data-sequence", "q2");
    await page.getByTestId("scores.sort").selectOption("max");
    const maxes = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-max"))))) as number[];
    expect(maxes).toEqual([...maxes].sort((a, b) => b - a));
    await page.getByTestId("scores.explorer").screenshot({ path: testInfo.outputPath("explorer.png") });

    // A click on the row plots its whole score; the name leads to the sequence's viewer.
    await rows.first().getByTestId("scores.predicted").click();
    const chart = page.getByTestId("scores.chart");
    await expect(chart).toHaveAttribute("data-points", String(LENGTH));
    // A drag across the score plot zooms to the dragged stretch.
    const box = await chart.boundingBox();
    const y = (box?.y ?? 0) + 120;
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) * 0.3, y);
    await page.mouse.down();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await expect(chart).toHaveAttribute("data-zoom", /^\d/);
    const [from, to] = ((await chart.getAttribute("data-zoom")) ?? "").split("-").map(Number);
    expect((to ?? 0) - (from ?? 0)).toBeLessThan(LENGTH - 1);
    // The address keeps the plotted sequence and its window (steps); a reload opens the same view.
    await expect(page).toHaveURL(/[?&]seq=[^&]+&from=\d+&to=\d+/);
    await page.reload();
    await expect(chart).toHaveAttribute("data-points", String(LENGTH));
    const [from2, to2] = ((await chart.getAttribute("data-zoom")) ?? "").split("-").map(Number);
    expect(Math.abs((from2 ?? NaN) - (from ?? NaN))).toBeLessThanOrEqual(1);
    expect(Math.abs((to2 ?? NaN) - (to ?? NaN))).toBeLessThanOrEqual(1);
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) * 0.5, y);
    await expect(chart).toContainText(/\d:\d\d:\d\d · step \d+/);
    await chart.screenshot({ path: testInfo.outputPath("viewer-run-score-zoomed.png") });
    await rows.first().getByTestId("scores.link").click();
    await expect(page).toHaveURL(new RegExp(`/datasets/${shared.datasetId}/sequences/`));
    await expect(page.getByTestId("viewer.name")).toHaveText("q8");
  });

  test("an expert's label reads as what was said; the runs of the dataset are compared side by side", async ({
    page,
    session,
    api,
    apiAs,
  }, testInfo) => {
    await session.signInAs("admin");
    const shared = await setUp(api);
    const byName = new Map(shared.sequences.map((s) => [s.name, s.id]));
    const runId = shared.runs[1] ?? "";
    const queryIds = await api.wholeSequenceBatch(
      runId,
      ["q4", "q5"].map((n) => ({ id: byName.get(n) ?? "", length: LENGTH })),
    );
    const stamp = Date.now();
    const expert = { email: `erik-${stamp}@dqs.local`, password: "erik-demo-pw-1", name: `Erik ${stamp}` };
    const { id } = await api.createUser({ ...expert, role: "expert" });
    await api.assign(shared.datasetId, [id]);
    const expertApi = await apiAs(expert);
    await expertApi.label({ clientId: randomUUID(), queryId: queryIds[0] ?? "", anomalous: true, onset: 5, note: "" });

    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId("batch.label")).toHaveText([`anomalous from 0:00:05 (step 5) — ${expert.name}`]);
    await page
      .getByTestId("batch")
      .first()
      .screenshot({ path: testInfo.outputPath("batch-labels.png") });
    await page.getByTestId("scores.filterLabel").selectOption("anomalous");
    await expect(page.getByTestId("scores.row")).toHaveText([/q4/]);
    await page.getByTestId("scores.filterLabel").selectOption("queried");
    await expect(page.getByTestId("scores.row")).toHaveText([/q5/]);

    await page.goto(`/datasets/${shared.datasetId}/runs`);
    const compared = page.getByTestId("compare.row");
    await expect(compared).toHaveCount(2);
    // At 3 every anomalous test sequence is caught and q9 alarms: P 0.75, R 1; at 11.5 only q8 (P 1, R 1/3).
    const first = compared.filter({ has: page.locator(`a[href="/runs/${shared.runs[0]}"]`) });
    const second = compared.filter({ has: page.locator(`a[href="/runs/${runId}"]`) });
    await expect(first.getByTestId("compare.unsupervised")).toContainText("F1 0.86 · P 0.75 · R 1.00");
    await expect(second.getByTestId("compare.unsupervised")).toContainText("F1 0.50 · P 1.00 · R 0.33");
    await expect(page.getByTestId("compare").getByText("best F1 in effect")).toHaveCount(1);
    await page.getByTestId("compare").screenshot({ path: testInfo.outputPath("compare.png") });
  });

  test("with 240 sequences the explorer sorts, filters and scrolls under its header; its timings are reported", async ({
    page,
    session,
    api,
  }, testInfo) => {
    test.setTimeout(120_000);
    await session.signInAs("admin");
    const names = Array.from({ length: 240 }, (_, k) => `q${k}`);
    const rows = names.flatMap((n, k) => Array.from({ length: LENGTH }, (_, i) => `${n},${k < 2 ? "train" : "validation"},${(i % 3) + k}`));
    const datasetId = await upload(api, `Explorer 240 ${Date.now()}`, ["seq,split,a", ...rows].join("\n"), null);
    const { sequences } = await api.dataset(datasetId);
    expect(sequences).toHaveLength(240);
    const runId = await storeScoredRun(api, datasetId, sequences, (s) => scoreOf(s.name), 3);

    const before = Date.now();
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId("scores.spark")).toHaveCount(240);
    // The rows are rendered on the server: a change before React hydrates them would not be seen.
    await expect(page.getByTestId("scores.explorer")).toHaveAttribute("data-hydrated", "true");
    const loadMs = Date.now() - before;
    // A filter or a sort re-renders the table: timed in the page, from the change to the frame after it.
    const rerender = (testId: string, value: string) =>
      page.getByTestId(testId).evaluate(async (el, v) => {
        const t0 = performance.now();
        const select = el as HTMLSelectElement;
        select.value = v;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return performance.now() - t0;
      }, value);
    const sortMs = await rerender("scores.sort", "name");
    await expect(page.getByTestId("scores.row").first()).toHaveAttribute("data-sequence", "q0");
    const filterMs = await rerender("scores.filterPredicted", "normal");
    await expect(page.getByTestId("scores.count")).not.toHaveAttribute("data-shown", "240");
    const allMs = await rerender("scores.filterPredicted", "all");
    await expect(page.getByTestId("scores.count")).toHaveAttribute("data-shown", "240");
    const timing = `page ${loadMs} ms; sort ${sortMs.toFixed(0)} ms; filter ${filterMs.toFixed(0)} ms; all again ${allMs.toFixed(0)} ms`;
    testInfo.annotations.push({ type: "timing", description: timing });
    console.log(`240 sequences: ${timing}`);
    // Scrolled far down the table, its header stays at the top of the box.
    const box = page.getByTestId("scores.table").locator("xpath=..");
    await box.evaluate((el) => el.scrollTo(0, 4000));
    await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
    const head = await page.getByTestId("scores.table").locator("thead th").first().boundingBox();
    const frame = await box.boundingBox();
    expect(Math.abs((head?.y ?? 0) - (frame?.y ?? 100))).toBeLessThan(3);
    await page.getByTestId("scores.explorer").screenshot({ path: testInfo.outputPath("explorer-240-scrolled.png") });
  });
});

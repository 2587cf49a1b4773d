import { randomUUID } from "node:crypto";
import { createUser, signedInContext } from "./api-helpers";
import { expect, test } from "./fixtures";
import { Api, getJson } from "./api";
import { storeScoredRun } from "./scored-run";
import { uploadWithTruth } from "./truth-run";

/**
 * A run's metrics against ground truth, on a small dataset made here whose scores are put through the
 * API (no training), so that every figure is known by hand. 2 Hz, 30 steps, anomalies from step 15:
 * - validation (the query pool): v1 normal (peak 3), v2 anomalous (6 from the onset), v3 normal (peak 2.5);
 * - test: t0 normal (peak 2), t1 anomalous (6.5 from step 17: 2 steps late), t2 anomalous (7 from the
 *   onset), t3 normal (peak 2.5).
 * Unsupervised threshold 8: nothing alarms, F1 0. The expert labels v2 anomalous and v1, v3 normal:
 * the refined threshold lies in (3, 6], where t1 and t2 alarm and t0, t3 do not: F1 1, mean delay
 * (1 s + 0 s) / 2 = 0.5 s. Best: F1 1 on (2.5, 6.5], at its upper end 6.5. The F1 curve has a point per
 * decision point: 1, 2, 2.5, 6.5, 7.
 */
const LENGTH = 30;
const ONSET = 15;
const RATE = 2;
const UNSUPERVISED = 8;
type Spec = { name: string; split: "train" | "validation" | "test"; anomalous: boolean; score: (i: number) => number };
const SEQUENCES: Spec[] = [
  { name: "s0", split: "train", anomalous: false, score: () => 1 },
  { name: "v1", split: "validation", anomalous: false, score: (i) => (i === 5 ? 3 : 1) },
  { name: "v2", split: "validation", anomalous: true, score: (i) => (i >= ONSET ? 6 : 1) },
  { name: "v3", split: "validation", anomalous: false, score: (i) => (i === 8 ? 2.5 : 1) },
  { name: "t0", split: "test", anomalous: false, score: (i) => (i === 5 ? 2 : 1) },
  { name: "t1", split: "test", anomalous: true, score: (i) => (i >= ONSET + 2 ? 6.5 : 1) },
  { name: "t2", split: "test", anomalous: true, score: (i) => (i >= ONSET ? 7 : 1) },
  { name: "t3", split: "test", anomalous: false, score: (i) => (i === 9 ? 2.5 : 1) },
];
const shared = { runId: "", expert: { id: "", email: "", password: "" } };

/** Upload, run with the scores above, one batch of the three validation sequences, an expert assigned. */
async function setUp(admin: Api): Promise<Record<string, string>> {
  const rows = SEQUENCES.flatMap((s) =>
    Array.from({ length: LENGTH }, (_, i) => `${s.name},${s.split},${i % 4},${s.anomalous && i >= ONSET ? 1 : 0}`),
  );
  const { datasetId, sequences } = await uploadWithTruth(admin, `Metrics e2e ${randomUUID().slice(0, 8)}`, rows, RATE);
  const scoreOf = ({ name }: { name: string }) => {
    const spec = SEQUENCES.find((x) => x.name === name);
    if (!spec) throw new Error(`unexpected sequence ${name}`);
    return Float32Array.from({ length: LENGTH }, (_, i) => spec.score(i));
  };
  shared.runId = await storeScoredRun(admin, datasetId, sequences, scoreOf, UNSUPERVISED);
  const queried = sequences.filter((s) => s.name.startsWith("v"));
  const queryIds = await admin.wholeSequenceBatch(shared.runId, queried);
  shared.expert = await createUser(admin.request, "expert");
  await admin.assign(datasetId, [shared.expert.id]);
  return Object.fromEntries(queried.map((s, rank) => [s.name, queryIds[rank] ?? ""]));
}

test.describe.serial("metrics against ground truth", () => {
  test("an admin sets up a run with ground truth on its test split; an expert labels its validation sequences", async ({ browser }) => {
    const admin = await signedInContext(browser, "admin");
    const queries = await setUp(new Api(admin.request));
    await admin.close();
    const expert = await signedInContext(browser, shared.expert);
    for (const [sequence, anomalous] of [
      ["v2", true],
      ["v1", false],
      ["v3", false],
    ] as const) {
      const queryId = queries[sequence] ?? "";
      await new Api(expert.request).label({ clientId: randomUUID(), queryId, anomalous, onset: anomalous ? ONSET : null, note: "" });
    }
    await expert.close();
  });

  test("an analyst opens the metrics from the run page and reads F1 for the three thresholds and the curve", async ({
    page,
    session,
  }, testInfo) => {
    await session.signInAs("analyst");
    await page.goto(`/runs/${shared.runId}`);
    await page.getByTestId("runpage.metrics").click();
    await expect(page).toHaveURL(new RegExp(`/runs/${shared.runId}/metrics$`));
    await expect(page.getByTestId("metrics.scope")).toContainText("4 sequences with ground truth (2 anomalous)");

    const row = (kind: string) => page.locator(`[data-testid="metrics.row"][data-kind="${kind}"]`);
    await expect(page.getByTestId("metrics.row")).toHaveCount(3);
    await expect(row("unsupervised").getByTestId("metrics.value")).toHaveText(String(UNSUPERVISED));
    await expect(row("unsupervised").getByTestId("metrics.f1")).toHaveText("0.00");
    await expect(row("unsupervised").getByTestId("metrics.recall")).toHaveText("0.00");
    await expect(row("unsupervised").getByTestId("metrics.delay")).toHaveText("—");
    await expect(row("refined").getByTestId("metrics.f1")).toHaveText("1.00");
    await expect(row("refined").getByTestId("metrics.precision")).toHaveText("1.00");
    await expect(row("refined").getByTestId("metrics.delay")).toHaveText("0.5 s");
    await expect(row("best").getByTestId("metrics.value")).toHaveText("6.5");
    await expect(row("best").getByTestId("metrics.f1")).toHaveText("1.00");

    const curve = page.getByTestId("metrics.curve");
    await expect(curve.locator("canvas").first()).toBeVisible();
    await expect(curve).toHaveAttribute("data-points", "5");
    await expect(curve).toHaveAttribute("data-marks", "unsupervised,refined,best");
    // The table and the curve are in view without scrolling.
    expect(await curve.boundingBox().then((b) => (b ? b.y + b.height : Infinity))).toBeLessThan(900);

    // Three labels: three stored changes after the unsupervised start, all in batch 1; after it, F1 1.
    await expect(page.getByTestId("metrics.historyChart")).toHaveAttribute("data-steps", "4");
    await expect(page.getByTestId("metrics.batch")).toHaveCount(1);
    await expect(page.getByTestId("metrics.batchF1")).toHaveText("1.00");
    await page.screenshot({ path: testInfo.outputPath("metrics.png"), fullPage: true });

    // The API answers the same figures.
    const api = await getJson<{ refined: { f1: number; meanDelay: number }; best: { threshold: number; lower: number }; curve: unknown[] }>(
      page.request,
      `/api/runs/${shared.runId}/metrics`,
    );
    expect(api.refined).toMatchObject({ f1: 1, meanDelay: 0.5 });
    expect(api.best).toMatchObject({ threshold: 6.5, lower: 2.5 });
    expect(api.curve).toHaveLength(5);
  });

  test("an expert gets 403 for the metrics API and page; anonymous callers 401", async ({ browser, playwright, baseURL }) => {
    const expert = await signedInContext(browser, shared.expert);
    expect((await expert.request.get(`/api/runs/${shared.runId}/metrics`)).status()).toBe(403);
    const page = await expert.newPage();
    const response = await page.goto(`/runs/${shared.runId}/metrics`);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("metrics.table")).toHaveCount(0);
    await expert.close();

    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get(`/api/runs/${shared.runId}/metrics`)).status()).toBe(401);
    await anonymous.dispose();
  });
});

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { csvHeader, exportFilename, LABEL_COLUMNS, PREDICTION_COLUMNS, SCORE_COLUMNS, THRESHOLD_COLUMNS } from "../lib/export/rows";
import type { ExportFormat, ExportKind } from "../lib/validations/export";
import { signedInContext } from "./api-helpers";
import { expect, test, type Who } from "./fixtures";
import type { Api } from "./api";
import { storeScoredRun } from "./scored-run";
import { csvMapping } from "./column-split-upload";

/**
 * Exports of a run: on a small dataset with ground truth uploaded here, a run whose scores are put
 * through the API (no training) and three labels by an expert of its own, an analyst downloads each
 * export from the run page; the files parse, with the header and one row per label, per sequence, per
 * step and per stored threshold. Experts and anonymous callers are refused.
 */
const LENGTH = 30;
const ONSET = 15;
const UNSUPERVISED = 9;
const NAMES = ["s0", "s1", "s2", "s3", "s4"];
const NOTE = 'onset at 15, "clear"';
type Exported = { runId: string; datasetName: string; expert: { email: string; password: string }; labels: number };

/** s1 and s2 rise to 4 + k from step 15 (and are anomalous in the ground truth); the others stay near 1 with a bump at step 5. */
function scoreOf(k: number): Float32Array {
  const score = new Float32Array(LENGTH).fill(1 + 0.05 * k);
  if (k === 1 || k === 2) score.fill(4 + k, ONSET);
  else score[5] = 2 + 0.25 * k;
  return score;
}

/** Clicks an export link and reads the downloaded file. */
async function download(page: Page, what: ExportKind, format: ExportFormat): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`export.${what}.${format}`).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

function csv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = parse(text) as string[][];
  return { header: lines[0] ?? [], rows: parse(text, { columns: true }) as Record<string, string>[] };
}

/**
 * The dataset, the run, a batch of all five sequences and an expert of its own assigned, by an admin;
 * then the expert's three labels. Each test sets it up afresh (about a second), so that each runs alone.
 */
async function setUp(apiAs: (who: Who) => Promise<Api>): Promise<Exported> {
  const admin = await apiAs("admin");
  const datasetName = `Export e2e ${randomUUID().slice(0, 8)}`;
  const lines = ["seq,split,a,truth"];
  NAMES.forEach((n, k) => {
    for (let i = 0; i < LENGTH; i++) {
      const anomalous = (k === 1 || k === 2) && i >= ONSET;
      lines.push(`${n},${k === 0 ? "train" : "validation"},${(i % 3) + k},${anomalous ? 1 : 0}`);
    }
  });
  const { datasetId } = await admin.importCsv(csvMapping(datasetName, { labelColumn: "truth" }), `${lines.join("\n")}\n`, "export.csv");
  const { sequences } = await admin.dataset(datasetId);
  const runId = await storeScoredRun(admin, datasetId, sequences, (s) => scoreOf(Number(s.name.slice(1))), UNSUPERVISED);

  const queryIds = await admin.wholeSequenceBatch(runId, sequences);
  const queries = Object.fromEntries(sequences.map((s, rank) => [s.name, queryIds[rank] ?? ""]));

  const expert = { email: `export-${randomUUID().slice(0, 8)}@dqs.local`, password: "export-Expert-pw-1" };
  const { id } = await admin.createUser({ ...expert, name: "Export Expert", role: "expert" });
  await admin.assign(datasetId, [id]);

  const expertApi = await apiAs(expert);
  const said = [
    { sequence: "s1", anomalous: true, note: NOTE },
    { sequence: "s3", anomalous: false, note: "" },
    { sequence: "s4", anomalous: false, note: "=1+1" },
  ];
  for (const l of said) {
    await expertApi.label({
      clientId: randomUUID(),
      queryId: queries[l.sequence] ?? "",
      anomalous: l.anomalous,
      onset: l.anomalous ? ONSET : null,
      note: l.note,
    });
  }
  return { runId, datasetName, expert, labels: said.length };
}

test.describe("exports of a run", () => {
  test("an analyst downloads every export from the run page as CSV and JSON", async ({ page, session, api, apiAs }, testInfo) => {
    const shared = await setUp(apiAs);
    await session.signInAs("analyst");
    await page.goto(`/runs/${shared.runId}`);
    await expect(page.getByTestId("export")).toBeVisible();
    await page.getByTestId("export").screenshot({ path: testInfo.outputPath("export-panel.png") });
    const stored = await api.thresholds(shared.runId);
    const refined = stored.thresholds.find((t) => t.kind === "refined" || t.kind === "withdrawn");

    // Labels: one row per label made above, with who, the batch's strategy, the onset and the note as written.
    const labels = await download(page, "labels", "csv");
    expect(labels.name).toBe(exportFilename(shared.datasetName, shared.runId, "labels", "csv"));
    const l = csv(labels.text);
    expect(l.header).toEqual(csvHeader(LABEL_COLUMNS));
    expect(l.rows).toHaveLength(shared.labels);
    expect(l.rows.map((r) => [r.sequence, r.label, r.onset, r.strategy, r.user_email])).toEqual([
      ["s1", "anomalous", String(ONSET), "random", shared.expert.email],
      ["s3", "normal", "", "random", shared.expert.email],
      ["s4", "normal", "", "random", shared.expert.email],
    ]);
    expect(l.rows.map((r) => r.note)).toEqual([NOTE, "", "'=1+1"]);
    expect(l.rows.every((r) => r.counts === "true" && r.threshold_after !== "" && r.region_end === "")).toBe(true);
    expect(Number(l.rows.at(-1)?.threshold_after)).toBe(refined?.value);

    // Predictions: one row per sequence, at the refined threshold by default, with the ground truth.
    const p = csv((await download(page, "predictions", "csv")).text);
    expect(p.header).toEqual(csvHeader(PREDICTION_COLUMNS));
    expect(p.rows.map((r) => r.sequence)).toEqual(NAMES);
    expect(p.rows.map((r) => r.true_anomalous)).toEqual(["false", "true", "true", "false", "false"]);
    expect(p.rows.map((r) => r.true_onset)).toEqual(["", String(ONSET), String(ONSET), "", ""]);
    expect(p.rows.map((r) => r.max_score)).toEqual(["2", "5", "6", "2.75", "3"]);
    const kind = refined?.kind === "refined" ? "refined" : "unsupervised";
    expect(p.rows.every((r) => r.threshold_kind === kind)).toBe(true);

    // At the unsupervised threshold (9) nothing alarms; at 5.5 only s2, from its onset.
    await page.getByTestId("export.threshold").selectOption("unsupervised");
    const u = csv((await download(page, "predictions", "csv")).text);
    expect(u.rows.map((r) => [r.threshold, r.threshold_kind, r.predicted_anomalous])).toEqual(
      NAMES.map(() => ["9", "unsupervised", "false"]),
    );
    await page.getByTestId("export.threshold").selectOption("value");
    await page.getByTestId("export.value").fill("5.5");
    const v = csv((await download(page, "predictions", "csv")).text);
    expect(v.rows.map((r) => [r.predicted_anomalous, r.first_alarm_step])).toEqual([
      ["false", ""],
      ["false", ""],
      ["true", String(ONSET)],
      ["false", ""],
      ["false", ""],
    ]);

    // Scores: one row per step of every sequence.
    const s = csv((await download(page, "scores", "csv")).text);
    expect(s.header).toEqual(csvHeader(SCORE_COLUMNS));
    expect(s.rows).toHaveLength(NAMES.length * LENGTH);
    expect(s.rows.filter((r) => r.sequence === "s2").map((r) => Math.fround(Number(r.score)))).toEqual(Array.from(scoreOf(2)));

    // Thresholds: the whole history, as the paged route lists it.
    const t = csv((await download(page, "thresholds", "csv")).text);
    expect(t.header).toEqual(csvHeader(THRESHOLD_COLUMNS));
    expect(t.rows).toHaveLength(stored.thresholds.length);
    expect(t.rows.map((r) => r.kind)).toEqual(stored.thresholds.map((x) => x.kind).reverse());
    expect(t.rows[0]).toMatchObject({ kind: "unsupervised", value: String(UNSUPERVISED) });

    // JSON: the same rows under the run and the dataset.
    const lj = await download(page, "labels", "json");
    expect(lj.name).toBe(exportFilename(shared.datasetName, shared.runId, "labels", "json"));
    const lj2 = JSON.parse(lj.text) as { run: { id: string }; dataset: { name: string }; rows: { note: string; onset: number | null }[] };
    expect(lj2.run.id).toBe(shared.runId);
    expect(lj2.dataset.name).toBe(shared.datasetName);
    expect(lj2.rows.map((r) => [r.note, r.onset])).toEqual([
      [NOTE, ONSET],
      ["", null],
      ["=1+1", null],
    ]);
    const pj = JSON.parse((await download(page, "predictions", "json")).text) as { threshold: { value: number }; rows: unknown[] };
    expect(pj.threshold.value).toBe(5.5);
    expect(pj.rows).toHaveLength(NAMES.length);
    const sj = JSON.parse((await download(page, "scores", "json")).text) as { sequences: { sequence: string; scores: number[] }[] };
    expect(sj.sequences.map((x) => x.sequence)).toEqual(NAMES);
    expect(sj.sequences[1]?.scores.map(Math.fround)).toEqual(Array.from(scoreOf(1)));
    const tj = JSON.parse((await download(page, "thresholds", "json")).text) as { rows: unknown[] };
    expect(tj.rows).toHaveLength(stored.thresholds.length);
  });

  test("the API checks what is asked: unknown parameters 422, a threshold the run lacks 409, an unknown run 404", async ({
    page,
    session,
    apiAs,
  }) => {
    const shared = await setUp(apiAs);
    await session.signInAs("analyst");
    const url = `/api/runs/${shared.runId}/export`;
    expect((await page.request.get(`${url}?what=weights`)).status()).toBe(422);
    expect((await page.request.get(`${url}?what=predictions&threshold=high`)).status()).toBe(422);
    expect((await page.request.get(`${url}?what=predictions&threshold=manual`)).status()).toBe(409);
    expect((await page.request.get("/api/runs/e2e-no-such-run/export?what=labels")).status()).toBe(404);
    const response = await page.request.get(`${url}?what=scores`);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(
      `attachment; filename="${exportFilename(shared.datasetName, shared.runId, "scores", "csv")}"`,
    );
  });

  test("an expert gets no export: no panel (the run page is not theirs) and 403 from the API; anonymous callers 401", async ({
    browser,
    playwright,
    baseURL,
    apiAs,
  }) => {
    const shared = await setUp(apiAs);
    const expert = await signedInContext(browser, shared.expert);
    for (const what of ["labels", "predictions", "scores", "thresholds"]) {
      expect((await expert.request.get(`/api/runs/${shared.runId}/export?what=${what}`)).status()).toBe(403);
    }
    const page = await expert.newPage();
    await page.goto(`/runs/${shared.runId}`);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("export")).toHaveCount(0);
    await expect(page.locator('a[href*="/export"]')).toHaveCount(0);
    await expert.close();

    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get(`/api/runs/${shared.runId}/export?what=labels`)).status()).toBe(401);
    await anonymous.dispose();
  });
});

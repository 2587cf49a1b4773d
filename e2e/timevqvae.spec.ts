import { importDemoDrives } from "./demo-drives";
import { expect, test, USERS } from "./fixtures";
import { fitLinearRunInNode } from "./scored-run";

/**
 * TimeVQVAE-AD end to end: an admin trains a small one in the browser on demo drives of the spec's
 * own and its scores plot; an expert opens a queried stretch of that run and sees its counterfactual
 * (computed in the scoring worker, then cached with the run) beside the signal; the analyst's
 * sequence view shows the cached one, and a run of another detector shows none.
 */
const shared = { runId: "", datasetId: "", sequenceId: "", queryId: "", start: 0, end: 0 };
const DRIVES = 16;

// @loop: trains in the browser; run once per CI (SQLite pass).
test.describe.serial("TimeVQVAE-AD with counterfactuals @loop", () => {
  test("an admin trains a small TimeVQVAE-AD on demo drives: the form offers its quick defaults, and the scores plot", async ({
    page,
    session,
    api,
  }, testInfo) => {
    test.setTimeout(5 * 60_000);
    await session.signInAs("admin");
    shared.datasetId = await importDemoDrives(api, `TimeVQVAE drives ${Date.now()}`, DRIVES);
    const expert = (await api.users()).find((u) => u.email === USERS.expert.email);
    await api.assign(shared.datasetId, [expert?.id ?? ""]);
    await page.goto(`/datasets/${shared.datasetId}/runs`);
    await page.getByTestId("run.detector").selectOption("timevqvae");
    await expect(page.getByTestId("run.epochs")).toHaveValue("12");
    await expect(page.getByTestId("run.maxWindows")).toHaveValue("512");
    await expect(page.getByTestId("run.detectorNote")).toContainText("few minutes on two CPU cores");
    await page.getByTestId("run.window").fill("16");
    await page.getByTestId("run.epochs").fill("2");
    await page.getByTestId("run.hidden").fill("8");
    await page.getByTestId("run.maxWindows").fill("128");
    // One scored window per window length (the detector scores at least every half window anyway).
    await page.getByTestId("run.scoreShift").fill("16");
    await page.getByTestId("run.start").click();
    await expect(page.getByTestId("run.done")).toBeVisible({ timeout: 4 * 60_000 });
    await page.getByTestId("run.done").getByRole("link").click();
    await expect(page.getByTestId("runpage.status")).toHaveText("complete");
    await expect(page.getByTestId("runpage.scored")).toHaveText(`${DRIVES} / ${DRIVES}`);
    shared.runId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await expect(page.getByRole("heading", { name: /^Training/ })).toBeVisible();
    await page.getByTestId("scores.row").first().click();
    await expect(page.getByTestId("scores.chart")).toHaveAttribute("data-points", /^[1-9]\d*$/);
    await page.screenshot({ path: testInfo.outputPath("timevqvae-run.png"), fullPage: true });
  });

  test("an analyst queries the stretch around a validation sequence's highest score", async ({ apiAs }) => {
    const analyst = await apiAs("analyst");
    const { sequences } = await analyst.dataset(shared.datasetId);
    const validation = sequences.filter((s) => s.split === "validation");
    // A sequence of this run nobody else queries (the run is this spec's own), its score's peak ± 16 steps.
    const sequence = validation[validation.length - 1]!;
    const score = new Float32Array(await analyst.bytes(`/api/runs/${shared.runId}/scores/${sequence.id}`));
    let peak = 0;
    score.forEach((v, t) => v > score[peak]! && (peak = t));
    shared.start = Math.max(0, Math.min(sequence.length - 32, peak - 16));
    shared.end = shared.start + 32;
    shared.sequenceId = sequence.id;
    const { queryIds } = await analyst.createBatch(shared.runId, {
      strategy: "top",
      budget: 1,
      seed: 1,
      segmentLength: 32,
      threshold: null,
      picks: [{ key: `${sequence.id}:${shared.start}-${shared.end}`, rank: 0, reason: "e2e pick" }],
    });
    shared.queryId = queryIds[0]!;
    expect((await analyst.counterfactuals(shared.runId, sequence.id)).counterfactuals).toEqual([]);
  });

  test("an expert opens the queried stretch and sees its counterfactual beside the signal, cached for the next viewer", async ({
    page,
    session,
    api,
  }, testInfo) => {
    test.setTimeout(2 * 60_000);
    await session.signInAs("expert");
    await page.goto(`/queue/${shared.queryId}`);
    await expect(page.getByTestId("label.chart.channels")).toHaveAttribute("data-ready", "true");
    const panel = page.getByTestId("counterfactual.panel");
    await expect(panel).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
    await expect(panel).toContainText("what normal would look like here");
    await expect(page.getByTestId("counterfactual.band")).toHaveAttribute("data-band", /^(low|high)$/);
    await expect(page.getByTestId("counterfactual.band")).toContainText(/(low|high)-frequency band/);
    await expect(page.getByTestId("counterfactual.chart")).toHaveCount(8);
    await expect(page.getByTestId("counterfactual.chart").first()).toHaveAttribute("data-points", "32");
    await page.screenshot({ path: testInfo.outputPath("timevqvae-counterfactual.png"), fullPage: true });

    const cached = await api.counterfactuals(shared.runId, shared.sequenceId);
    expect(cached.counterfactuals).toHaveLength(1);
    const [stored] = cached.counterfactuals;
    expect([stored!.start, stored!.end]).toEqual([shared.start, shared.end]);
    expect(stored!.values).toHaveLength(8);
    expect(stored!.values.every((v) => v.length === 32 && v.every(Number.isFinite))).toBe(true);

    await page.reload();
    await expect(panel).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(page.getByTestId("counterfactual.band")).toContainText("From the run's cache");
    expect((await api.counterfactuals(shared.runId, shared.sequenceId)).counterfactuals).toHaveLength(1);
  });

  test("the analyst's sequence view draws the cached counterfactual for this run, and nothing for a linear run", async ({
    page,
    session,
    apiAs,
  }) => {
    const linear = { id: await fitLinearRunInNode(await apiAs("admin"), shared.datasetId) };
    await session.signInAs("analyst");
    await page.goto(`/datasets/${shared.datasetId}/sequences/${shared.sequenceId}`);
    await page.getByTestId("sequence.heatmap.run").selectOption(shared.runId);
    await expect(page.getByTestId("sequence.counterfactual.stretch")).toContainText(`${shared.start}–${shared.end} (explained before)`);
    await expect(page.getByTestId("counterfactual.panel")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(page.getByTestId("counterfactual.band")).toContainText("From the run's cache");
    await expect(page.getByTestId("counterfactual.chart")).toHaveCount(8);

    await page.getByTestId("sequence.heatmap.run").selectOption(linear.id);
    await expect(page.getByTestId("sequence.heatmap.map")).toBeVisible();
    await expect(page.getByTestId("sequence.counterfactuals")).toHaveCount(0);
    await expect(page.getByTestId("counterfactual.panel")).toHaveCount(0);
    // And the API refuses a counterfactual for a run of another detector.
    const refused = await page.request.get(`/api/runs/${linear.id}/counterfactuals?sequenceId=${shared.sequenceId}`);
    expect(refused.status()).toBe(422);
  });
});

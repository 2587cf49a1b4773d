import { expect, test } from "./fixtures";
import { DatasetSplits, importViaApi, longSequences, sequenceIds, splitsByName } from "./splits-page";
import { UploadPage } from "./upload-page";
import { errorOf } from "./api";

/**
 * Splits that can be trusted: the upload form and the dataset page warn about a split (few long
 * sequences, a tiny test split, an empty validation split, a split without anomalies), an admin moves
 * sequences between splits before the first run and the warnings follow; other roles get 403, a bad
 * body changes nothing, and a run locks the split.
 */
const R622 = { train: 0.6, validation: 0.2, test: 0.2 };

test.describe("dataset splits", () => {
  test("an admin sees the split warnings, moves a sequence to validation, and the warnings follow", async ({ page, session }, testInfo) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose(longSequences(6, [1, 4]));
    await expect(page.getByTestId("upload.label")).toHaveValue("label");
    await page.getByTestId("upload.split-train").fill("0.8");
    await page.getByTestId("upload.split-validation").fill("0");
    await page.getByTestId("upload.split-test").fill("0.2");
    await expect(page.getByTestId("upload.split-plan")).toHaveText("6 sequences → 5 train / 0 validation / 1 test");
    const before = page.getByTestId("upload.split-warning");
    await expect(before.and(page.locator('[data-code="empty_split"][data-split="validation"]'))).toBeVisible();
    await expect(before.and(page.locator('[data-code="small_test"]'))).toContainText("only 1 sequence (fewer than 5)");
    await expect(before.and(page.locator('[data-code="few_long"]'))).toContainText("query segments instead");
    await page.screenshot({ path: testInfo.outputPath("upload-split-check.png"), fullPage: true });

    const name = `Few long ${Date.now()}`;
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    const splits = new DatasetSplits(page);
    await expect(page.getByTestId("splits.counts")).toHaveText("train 5 (1 anomalous)validation 0 (0 anomalous)test 1 (1 anomalous)");
    await expect(splits.warning("empty_split", "validation")).toBeVisible();
    await expect(splits.warning("small_test", "test")).toBeVisible();
    await expect(splits.warning("few_long")).toContainText("Few and long sequences: only 6 sequences, a median length of 1,500 steps");
    await expect(splits.warning("no_anomalies")).toHaveCount(0);

    const moved = await splits.firstIn("train", /^normal$/);
    await splits.select(moved).selectOption("validation");
    await expect(page.getByTestId("splits")).toContainText("with your unsaved changes");
    await expect(splits.warning("empty_split")).toHaveCount(0);
    await expect(splits.warning("no_anomalies", "validation")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("splits-pending.png"), fullPage: true });
    await splits.save.click();
    await expect(splits.status).toContainText(
      "Saved: 1 sequence moved. The training split changed: its z-score statistics, the window size",
    );

    await page.reload();
    await expect(splits.select(moved)).toHaveValue("validation");
    await expect(page.getByTestId("splits.counts")).toHaveText("train 4 (1 anomalous)validation 1 (0 anomalous)test 1 (1 anomalous)");
    await expect(splits.warning("empty_split")).toHaveCount(0);
    await expect(splits.warning("no_anomalies", "validation")).toBeVisible();
    const datasetId = page.url().split("/").at(-1) ?? "";
    expect((await splitsByName(page, datasetId))[moved]).toBe("validation");
  });

  test("ratios that cannot be met are explained before the upload and on the dataset page", async ({ page, session }) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose(longSequences(1, []));
    await page.getByTestId("upload.split-train").fill("0.1");
    await page.getByTestId("upload.split-validation").fill("0");
    await page.getByTestId("upload.split-test").fill("0.9");
    const note = "10 % train of 1 sequence is 0; 1 sequence went to train anyway, because a detector needs training data.";
    await expect(page.locator('[data-testid="upload.split-warning"][data-code="ratio_adjusted"]').first()).toHaveText(note);
    await expect(page.getByTestId("upload.split-plan")).toHaveText("1 sequence → 1 train / 0 validation / 0 test");
    await upload.submit(`All test ${Date.now()}`);
    await expect(page.getByTestId("dataset.name")).toBeVisible({ timeout: 30_000 });
    const splits = new DatasetSplits(page);
    await expect(splits.warning("ratio_adjusted", "train")).toHaveText(note);
    await expect(splits.warning("ratio_adjusted", "test")).toContainText(
      "The test ratio is 90 %, but with 1 sequence none is left for test",
    );
  });

  test("a train ratio of 0 is refused with a message, and nothing is stored", async ({ page, session }) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose(longSequences(1, []));
    await page.getByTestId("upload.split-train").fill("0");
    await page.getByTestId("upload.split-validation").fill("0");
    await page.getByTestId("upload.split-test").fill("1");
    await upload.submit(`No train ${Date.now()}`);
    await expect(upload.error).toContainText("The train ratio must be above 0: a detector needs training data");
    await expect(page).toHaveURL(/\/datasets\/upload$/);
  });

  test("an analyst sees the split and its warnings but may not change it, nor may an expert: 403 and nothing changes", async ({
    page,
    session,
  }) => {
    await session.signInAs("admin");
    const { datasetId, warnings } = await importViaApi(page, `No edit ${Date.now()}`, longSequences(6, [1, 4]), R622);
    expect(warnings.map((w) => `${w.code}:${w.split ?? ""}`)).toEqual(["small_test:test", "no_anomalies:validation", "few_long:"]);
    const before = await splitsByName(page, datasetId);
    const [name, id] = Object.entries(await sequenceIds(page, datasetId))[0] ?? ["", ""];
    const other = before[name] === "test" ? "train" : "test";
    await page.request.post("/api/auth/signout");

    await session.signInAs("analyst");
    const splits = new DatasetSplits(page);
    await splits.open(datasetId);
    await expect(splits.warning("small_test", "test")).toBeVisible();
    await expect(page.getByTestId("sequences.split")).toHaveCount(0);
    await expect(splits.save).toHaveCount(0);
    const analyst = await page.request.patch(`/api/datasets/${datasetId}/splits`, {
      data: { changes: [{ sequenceId: id, split: other }] },
    });
    expect(analyst.status()).toBe(403);
    expect((await errorOf(analyst)).code).toBe("forbidden");
    expect(await splitsByName(page, datasetId)).toEqual(before);
    await page.request.post("/api/auth/signout");

    await session.signInAs("expert");
    const expert = await page.request.patch(`/api/datasets/${datasetId}/splits`, { data: { changes: [{ sequenceId: id, split: other }] } });
    expect(expert.status()).toBe(403);
    await page.request.post("/api/auth/signout");
    await session.signInAs("admin");
    expect(await splitsByName(page, datasetId)).toEqual(before);
  });

  test("a bad body is refused with 4xx and changes nothing", async ({ page, session }) => {
    await session.signInAs("admin");
    const { datasetId } = await importViaApi(page, `Bad body ${Date.now()}`, longSequences(6, [2]), R622);
    const before = await splitsByName(page, datasetId);
    const ids = await sequenceIds(page, datasetId);
    const trainIds = Object.entries(before)
      .filter(([, s]) => s === "train")
      .map(([n]) => ids[n] ?? "");
    const url = `/api/datasets/${datasetId}/splits`;
    const cases: { body: unknown; status: number; message?: string }[] = [
      { body: { changes: [] }, status: 422, message: "Change the split of at least one sequence" },
      { body: { changes: [{ sequenceId: trainIds[0], split: "holdout" }] }, status: 422 },
      {
        body: { changes: [{ sequenceId: "no-such-sequence", split: "test" }] },
        status: 422,
        message: 'The dataset has no sequence "no-such-sequence".',
      },
      {
        body: { changes: trainIds.map((sequenceId) => ({ sequenceId, split: "test" })) },
        status: 422,
        message: "At least one sequence must stay in train",
      },
      {
        body: {
          changes: [
            { sequenceId: trainIds[0], split: "test" },
            { sequenceId: trainIds[0], split: "validation" },
          ],
        },
        status: 422,
        message: "listed twice",
      },
    ];
    for (const c of cases) {
      const response = await page.request.patch(url, { data: c.body });
      expect(response.status(), JSON.stringify(c.body)).toBe(c.status);
      if (c.message) expect((await errorOf(response)).message).toContain(c.message);
    }
    const notJson = await page.request.patch(url, { data: "changes=all", headers: { "content-type": "text/plain" } });
    expect(notJson.status()).toBe(415);
    expect(
      (
        await page.request.patch(`/api/datasets/no-such-dataset/splits`, { data: { changes: [{ sequenceId: "x", split: "test" }] } })
      ).status(),
    ).toBe(404);
    expect(await splitsByName(page, datasetId)).toEqual(before);
  });

  test("once the dataset has a detector run its split is locked: 409, and the page says why", async ({ page, session }) => {
    await session.signInAs("admin");
    const { datasetId } = await importViaApi(page, `Locked ${Date.now()}`, longSequences(6, [0]), R622);
    const before = await splitsByName(page, datasetId);
    const config = { windowSize: 16, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };
    expect((await page.request.post("/api/runs", { data: { datasetId, detector: "linear", config } })).status()).toBe(201);
    const [name, id] = Object.entries(await sequenceIds(page, datasetId))[0] ?? ["", ""];
    const response = await page.request.patch(`/api/datasets/${datasetId}/splits`, {
      data: { changes: [{ sequenceId: id, split: before[name] === "test" ? "train" : "test" }] },
    });
    expect(response.status()).toBe(409);
    expect((await errorOf(response)).message).toContain("The splits are locked: this dataset has a detector run");
    expect(await splitsByName(page, datasetId)).toEqual(before);
    const splits = new DatasetSplits(page);
    await splits.open(datasetId);
    await expect(page.getByTestId("splits.locked")).toContainText("Import the data again as a new dataset to split it differently.");
    await expect(page.getByTestId("sequences.split")).toHaveCount(0);
  });

  test("sequences of one unit share a split: the import keeps units whole, the editor moves a unit whole, the API refuses to cut one", async ({
    page,
    session,
  }) => {
    await session.signInAs("admin");
    const vehicle = (s: number) => `V${Math.floor(s / 2) + 1}`;
    const { datasetId } = await importViaApi(page, `Units ${Date.now()}`, longSequences(6, [0, 3], vehicle), R622, "vehicle");
    const before = await splitsByName(page, datasetId);
    for (const unit of [0, 1, 2]) expect(before[`drive-${2 * unit + 1}`]).toBe(before[`drive-${2 * unit + 2}`]);
    const ids = await sequenceIds(page, datasetId);
    const other = before["drive-1"] === "test" ? "validation" : "test";
    const cut = await page.request.patch(`/api/datasets/${datasetId}/splits`, {
      data: { changes: [{ sequenceId: ids["drive-1"], split: other }] },
    });
    expect(cut.status()).toBe(422);
    expect((await errorOf(cut)).message).toContain('Unit "V1" would be in');
    expect(await splitsByName(page, datasetId)).toEqual(before);

    const splits = new DatasetSplits(page);
    await splits.open(datasetId);
    await expect(splits.row("drive-2")).toContainText("V1");
    await splits.select("drive-1").selectOption(other);
    await expect(splits.select("drive-2")).toHaveValue(other);
    await expect(splits.save).toHaveText("Save splits (2 changes)");
    await splits.save.click();
    await expect(splits.status).toContainText("Saved: 2 sequences moved.");
    const after = await splitsByName(page, datasetId);
    expect([after["drive-1"], after["drive-2"]]).toEqual([other, other]);
  });
});

import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { csv, datasetNames, demoCsvFiles, rowCount, UploadPage, type CsvPayload } from "./upload-page";
import { errorOf, Api, jsonOf } from "./api";
import { csvMapping, timestampedCsvMapping } from "./column-split-upload";

const HEADER = "timestamp,a,b,label";
/** A valid CSV body of `n` rows (lines 2 … n+1). */
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) => `${(from + k) / 2},${((from + k) % 7) + 0.5},${(from + k) * 2},0`).join("\n") + "\n";
const valid = (n = 10) => `${HEADER}\n${rows(n)}`;

type Case = { kind: string; file: CsvPayload; message: string | RegExp };

const bigValid = `${HEADER}\n${rows(5000)}`; // > 64 KiB: past what the browser previews
const CASES: Case[] = [
  {
    kind: "ragged row",
    file: csv("ragged.csv", `${valid()}5.5,1,0\n`),
    message: "ragged.csv, line 12: the row has 3 fields, fewer than the 4 columns of the header (a ragged row)",
  },
  {
    kind: "non-numeric value",
    file: csv("non-numeric.csv", `${valid()}5.5,abc,1,0\n`),
    message: 'non-numeric.csv, line 12, column "a": "abc" is not a number',
  },
  {
    kind: "NaN",
    file: csv("nan.csv", `${valid()}5.5,NaN,1,0\n`),
    message: 'nan.csv, line 12, column "a": "NaN" is not a finite number (NaN and infinity are not allowed)',
  },
  {
    kind: "infinity",
    file: csv("inf.csv", `${valid()}5.5,1,-Infinity,0\n`),
    message: 'inf.csv, line 12, column "b": "-Infinity" is not a finite number',
  },
  {
    kind: "duplicate header",
    file: csv("duplicate.csv", "timestamp,a,a,label\n0,1,2,0\n"),
    message: 'duplicate.csv, line 1, column "a": columns 2 and 3 are both named "a"; column names must be unique',
  },
  {
    kind: "missing header line",
    file: csv("no-header.csv", "0,1,2,0\n0.5,1,2,0\n"),
    message: "no-header.csv, line 1: the first line holds numbers",
  },
  {
    kind: "unnamed column",
    file: csv("unnamed.csv", "timestamp,,b,label\n0,1,2,0\n"),
    message: "unnamed.csv, line 1: column 2 of the header has no name",
  },
  { kind: "empty file", file: csv("empty.csv", ""), message: "empty.csv: the file is empty; it needs a header line and at least one row" },
  {
    kind: "label other than 0/1",
    file: csv("bad-label.csv", `${valid()}5.5,1,2,2\n`),
    message:
      'bad-label.csv, line 12, column "label": "2" is not a label; the ground-truth column holds 0 (normal) or 1 (anomalous) per row',
  },
  {
    kind: "empty cell (missing values rejected)",
    file: csv("missing.csv", `${valid()}5.5,,2,0\n`),
    message: 'missing.csv, line 12, column "a": the cell is empty; fill it in, or choose forward fill for missing values',
  },
  {
    kind: "UTF-16",
    file: csv("utf16.csv", Buffer.from(`\ufeff${valid()}`, "utf16le")),
    message: "utf16.csv, line 1: the file is UTF-16 encoded; save it as UTF-8 CSV",
  },
  {
    kind: "invalid UTF-8 past the preview",
    file: csv("latin1.csv", Buffer.concat([Buffer.from(bigValid), Buffer.from("2500,größe,1,0\n", "latin1")])),
    message: "latin1.csv, line 5,002: the file is not valid UTF-8",
  },
  { kind: "unbalanced quote", file: csv("quote.csv", `${valid()}5.5,"1"x,2,0\n`), message: /quote\.csv, line 12: the CSV is malformed/ },
];

/** The channels of the dataset named `name`, through the API. */
async function channelsOf(page: Page, name: string): Promise<string[]> {
  const datasets = await new Api(page.request).datasets();
  return datasets.find((d) => d.name === name)?.channelNames ?? [];
}

async function uploadExpectingError(page: Page, files: CsvPayload[], name: string, message: string | RegExp): Promise<void> {
  const upload = new UploadPage(page);
  await upload.open();
  await upload.choose(files);
  await expect(upload.error.or(page.getByTestId("upload.mapping"))).toBeVisible();
  if (!(await upload.error.isVisible())) await upload.submit(name);
  if (typeof message === "string") await expect(upload.error).toContainText(message);
  else await expect(upload.error).toHaveText(message);
  await expect(page).toHaveURL(/\/datasets\/upload$/);
}

test.describe("dataset upload", () => {
  test("an admin uploads demo CSVs, one sequence per file, and the dataset appears with its counts", async ({
    page,
    session,
  }, testInfo) => {
    const files = demoCsvFiles(6);
    const lengths = files.map(rowCount);
    const name = `Demo upload ${Date.now()}`;
    await session.signInAs("admin");
    await page.goto("/datasets");
    await page.getByTestId("datasets.upload").click();
    const upload = new UploadPage(page);
    await upload.choose(files);
    await expect(page.getByTestId("upload.files")).toContainText("6 files");
    await expect(page.getByTestId("upload.preview").locator("th")).toHaveText([
      "timestamp",
      "speed",
      "torque",
      "current",
      "voltage",
      "soc",
      "battery_temp",
      "motor_temp",
      "motor_speed",
      "label",
    ]);
    await expect(page.getByTestId("upload.timestamp")).toHaveValue("timestamp");
    await expect(page.getByTestId("upload.label")).toHaveValue("label");
    await expect(page.getByTestId("upload.channel.speed")).toBeChecked();
    await page.getByTestId("upload.target-rate").fill("1");
    await page.getByTestId("upload.name").fill(name);
    await page.screenshot({ path: testInfo.outputPath("upload-mapping.png"), fullPage: true });
    await page.getByTestId("upload.submit").click();
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    await expect(page.getByTestId("sequences.row")).toHaveCount(6);
    const steps = lengths.reduce((n, l) => n + Math.ceil(l / 2), 0);
    await page.goto("/datasets");
    const row = page.getByTestId("datasets.row").filter({ hasText: name });
    await expect(row).toContainText(steps.toLocaleString("en-US"));
    await expect(row).toContainText("4 / 1 / 1");
    await expect(row).toContainText("1 Hz");
    await page.screenshot({ path: testInfo.outputPath("datasets-after-upload.png"), fullPage: true });
  });

  test("one CSV with a sequence column and a split column", async ({ page, session }) => {
    const lines = ["sequence,split,t,x,y,label"];
    const splits = { s1: "train", s2: "train", s3: "validation", s4: "test" } as const;
    for (const [id, split] of Object.entries(splits))
      for (let i = 0; i < 50; i++) lines.push(`${id},${split},${i * 0.1},${Math.sin(i)},${i},${i > 40 ? 1 : 0}`);
    const name = `Sequence column ${Date.now()}`;
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose([csv("many.csv", lines.join("\n") + "\n")]);
    await expect(page.getByTestId("upload.sequence")).toHaveValue("sequence");
    await expect(page.getByTestId("upload.split-column")).toHaveValue("split");
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    await expect(page.getByTestId("sequences.row")).toHaveCount(4);
    await page.goto("/datasets");
    const row = page.getByTestId("datasets.row").filter({ hasText: name });
    await expect(row).toContainText("2 / 1 / 1");
    await expect(row).toContainText("10 Hz");
  });

  // One signed-in page for every case (a step each, named in the report), not a test each: the same
  // checks without signing in and opening a browser context thirteen times.
  test(`each malformed file is refused with a precise message and nothing is stored (${CASES.length} cases)`, async ({ page, session }) => {
    test.setTimeout(CASES.length * 15_000);
    await session.signInAs("admin");
    const before = await datasetNames(page);
    for (const c of CASES) {
      await test.step(`a file with a ${c.kind}`, async () => {
        const name = `Malformed ${c.kind} ${Date.now()}`;
        await uploadExpectingError(page, [c.file], name, c.message);
        const after = await datasetNames(page);
        expect(after).not.toContain(name);
        expect(after.filter((n) => !before.includes(n) && n.startsWith("Malformed"))).toEqual([]);
      });
    }
  });

  test("an import is all or nothing: a bad second file leaves no dataset", async ({ page, session }) => {
    await session.signInAs("admin");
    const name = `Half good ${Date.now()}`;
    await uploadExpectingError(
      page,
      [csv("good.csv", valid()), csv("bad.csv", `${valid()}5.5,1,2,7\n`)],
      name,
      'bad.csv, line 12, column "label": "7" is not a label',
    );
    expect(await datasetNames(page)).not.toContain(name);
  });

  test("forward fill carries the last value over empty cells", async ({ page, session }) => {
    await session.signInAs("admin");
    const name = `Forward fill ${Date.now()}`;
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose([csv("gaps.csv", `${valid()}5.5,,2,0\n6,1,,\n`)]);
    await page.getByTestId("upload.missing").selectOption("ffill");
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    await expect(page.getByTestId("sequences.row")).toContainText("12");
  });

  test("a unit typed for a channel in the mapping step names its axis and its values in the viewer", async ({ page, session }) => {
    await session.signInAs("admin");
    const name = `Units ${Date.now()}`;
    const upload = new UploadPage(page);
    await upload.open();
    await upload.choose([csv("units.csv", valid(40))]);
    await page.getByTestId("upload.channel-unit.a").fill("km/h");
    // A unit for a column that is not a channel is never sent: the label column has no unit box.
    await expect(page.getByTestId("upload.channel-unit.label")).toHaveCount(0);
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    await page.getByTestId("sequences.link").first().click();
    const chart = page.getByTestId("viewer.chart");
    await expect(chart).toHaveAttribute("data-ready", "true");
    await expect(chart).toHaveAttribute("data-axis-names", "a (km/h)|b");
    await expect(page.getByTestId("viewer.channels")).toContainText("a (km/h)");
    const box = await chart.boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + 80);
    await expect(page.locator(".viewer-chart")).toContainText(/· step \d+[\s\S]*a [\d.,-]+ km\/h/);
  });

  test("a bad cell in the preview keeps its channel ticked, is named and highlighted, and leaves only when unticked", async ({
    page,
    session,
  }, testInfo) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    const body = [
      "timestamp,a,b,c,label",
      ...Array.from({ length: 12 }, (_, k) => `${k},${k + 0.5},${k === 2 ? "abc" : k * 2},${k % 3},0`),
    ];
    await upload.choose([csv("bad-cell.csv", body.join("\n") + "\n")]);
    for (const c of ["a", "b", "c"]) await expect(page.getByTestId(`upload.channel.${c}`)).toBeChecked();
    const issue = page.getByTestId("upload.cell-issue");
    await expect(issue).toHaveCount(1);
    await expect(issue).toContainText('Column "b", line 4: "abc" is not a number, so the import will refuse the file.');
    await expect(page.getByTestId("upload.cell-issues")).toBeInViewport();
    const cell = page.getByTestId("upload.bad-cell");
    await expect(cell).toHaveCount(1);
    await expect(cell).toHaveAttribute("data-column", "b");
    await expect(cell).toHaveText("abc");
    await page.screenshot({ path: testInfo.outputPath("upload-bad-cell.png") });
    // Submitting as it stands: the server refuses the file for that cell, and the banner comes into view.
    await upload.submit(`Bad cell refused ${Date.now()}`);
    await expect(upload.error).toContainText('bad-cell.csv, line 4, column "b": "abc" is not a number');
    await expect(upload.error).toBeInViewport();
    // Leaving the channel out is the admin's choice, and then the upload goes through without it.
    await page.getByTestId("upload.untick.b").click();
    await expect(page.getByTestId("upload.channel.b")).not.toBeChecked();
    await expect(page.getByTestId("upload.cell-issues")).toHaveCount(0);
    await expect(page.getByTestId("upload.bad-cell")).toHaveCount(0);
    const name = `Bad cell left out ${Date.now()}`;
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    expect(await channelsOf(page, name)).toEqual(["a", "c"]);
  });

  test("an empty cell in the preview is named, and forward fill keeps every channel", async ({ page, session }) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    const body = ["timestamp,a,b,c,label", ...Array.from({ length: 12 }, (_, k) => `${k},${k + 0.5},${k === 1 ? "" : k * 2},${k % 3},0`)];
    await upload.choose([csv("gap.csv", body.join("\n") + "\n")]);
    await expect(page.getByTestId("upload.channel.b")).toBeChecked();
    await expect(page.getByTestId("upload.cell-issue")).toContainText('Column "b", line 3 is empty: the import will refuse the file.');
    await expect(page.getByTestId("upload.bad-cell")).toHaveAttribute("data-column", "b");
    await page.getByTestId("upload.missing").selectOption("ffill");
    await expect(page.getByTestId("upload.cell-issue")).toContainText("forward fill will carry the value above it over the gap");
    const name = `Gap filled ${Date.now()}`;
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    expect(await channelsOf(page, name)).toEqual(["a", "b", "c"]);
  });

  test("picking the sequence column takes it out of the channels, says so, and the upload succeeds", async ({ page, session }) => {
    await session.signInAs("admin");
    const upload = new UploadPage(page);
    await upload.open();
    const lines = ["run,t,x,y"];
    for (const run of [1, 2, 3]) for (let i = 0; i < 20; i++) lines.push(`${run},${i * 0.5},${Math.sin(i + run)},${i * run}`);
    await upload.choose([csv("runs.csv", lines.join("\n") + "\n")]);
    // "run" is not a name the guess knows: it starts as a (numeric) channel.
    await expect(page.getByTestId("upload.sequence")).toHaveValue("");
    await expect(page.getByTestId("upload.channel.run")).toBeChecked();
    await page.getByTestId("upload.sequence").selectOption("run");
    await expect(page.getByTestId("upload.role-note")).toHaveText('"run" is now the sequence column, so it is no longer a channel.');
    await expect(page.getByTestId("upload.channel.run")).toHaveCount(0);
    const name = `Sequence picked ${Date.now()}`;
    await upload.submit(name);
    await expect(page.getByTestId("dataset.name")).toHaveText(name, { timeout: 30_000 });
    await expect(page.getByTestId("sequences.row")).toHaveCount(3);
    // No label column: no ground truth, not "normal".
    await expect(page.getByTestId("sequences.truth")).toHaveText(["—", "—", "—"]);
    expect(await channelsOf(page, name)).toEqual(["x", "y"]);
  });

  test("the API answers 422 with file, line and column, and 409 for a name in use", async ({ page, session }) => {
    await session.signInAs("admin");
    const mapping = timestampedCsvMapping(`API ${Date.now()}`);
    const body = Buffer.from(`${valid()}5.5,1,2,2\n`);
    const created = await page.request.post("/api/datasets/uploads", {
      data: { mapping, files: [{ name: "api.csv", size: body.length }] },
    });
    expect(created.status()).toBe(201);
    const { uploadId } = await jsonOf<{ uploadId: string }>(created);
    const put = await page.request.put(`/api/datasets/uploads/${uploadId}/files/0`, {
      data: body,
      headers: { "content-type": "text/csv" },
    });
    expect(put.status()).toBe(200);
    const imported = await page.request.post(`/api/datasets/uploads/${uploadId}/import`, { data: {} });
    expect(imported.status()).toBe(422);
    const error = await errorOf(imported);
    expect(error.code).toBe("invalid");
    expect(error.details).toMatchObject({ code: "bad_label", file: "api.csv", line: 12, column: "label" });
    const taken = await page.request.post("/api/datasets/uploads", {
      data: { mapping: { ...mapping, name: "PATH demo (EV powertrain)" }, files: [{ name: "x.csv", size: 1 }] },
    });
    expect(taken.status()).toBe(409);
  });

  test("an expert may not upload: 403 from the API and the page", async ({ page, session }) => {
    await session.signInAs("expert");
    const mapping = csvMapping("Expert upload", {
      sequenceColumn: null,
      split: { kind: "ratios", train: 1, validation: 0, test: 0, seed: 1 },
    });
    const response = await page.request.post("/api/datasets/uploads", { data: { mapping, files: [{ name: "a.csv", size: 10 }] } });
    expect(response.status()).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");
    const put = await page.request.put("/api/datasets/uploads/00000000-0000-0000-0000-000000000000/files/0", {
      data: Buffer.from("a\n1\n"),
    });
    expect(put.status()).toBe(403);
    expect((await page.goto("/datasets/upload"))?.status()).toBe(403);
    await page.goto("/datasets");
    await expect(page.getByTestId("datasets.upload")).toHaveCount(0);
  });
});

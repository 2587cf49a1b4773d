import { expect, type Locator, type Page } from "@playwright/test";
import { csv, type CsvPayload } from "./upload-page";
import { getJson, Api, jsonOf } from "./api";

/**
 * Fixtures and a page object for the split checks: few long sequences with ground truth as CSV files
 * (one per sequence), an import through the API, and the split panel of a dataset's page.
 */

/** Steps per sequence: long (over 20 windows of 64 steps). */
export const STEPS = 1500;

/**
 * `count` CSV files of STEPS rows at 2 Hz; the sequences listed in `anomalous` get a level shift
 * labelled 1 from step 1,000. With `unitOf`, a "vehicle" column names each sequence's unit.
 */
export function longSequences(count: number, anomalous: number[], unitOf?: (sequence: number) => string): CsvPayload[] {
  return Array.from({ length: count }, (_, s) => {
    const unit = unitOf ? `,${unitOf(s)}` : "";
    const lines = [`t,a,b,label${unitOf ? ",vehicle" : ""}`];
    for (let i = 0; i < STEPS; i++) {
      const fault = anomalous.includes(s) && i >= 1000;
      const a = Math.sin(i / 9 + s) + (fault ? 3 : 0);
      const b = Math.cos(i / 23) * 2 + ((i * 7919 + s * 104729) % 97) / 970;
      lines.push(`${i / 2},${a.toFixed(4)},${b.toFixed(4)},${fault ? 1 : 0}${unit}`);
    }
    return csv(`drive-${s + 1}.csv`, lines.join("\n") + "\n");
  });
}

type Ratios = { train: number; validation: number; test: number };
type Imported = { datasetId: string; warnings: { code: string; split: string | null; message: string }[] };

/** Imports CSV files (one sequence each, columns t, a, b, label) through the upload API as the signed-in admin. */
export async function importViaApi(page: Page, name: string, files: CsvPayload[], ratios: Ratios, unitColumn?: string): Promise<Imported> {
  const mapping = {
    name,
    timestampColumn: "t",
    samplingRate: null,
    sequenceColumn: null,
    channels: ["a", "b"],
    labelColumn: "label",
    targetRate: null,
    split: { kind: "ratios", ...ratios, seed: 1 },
    missing: "reject",
    ...(unitColumn ? { unitColumn } : {}),
  };
  const created = await page.request.post("/api/datasets/uploads", {
    data: { mapping, files: files.map((f) => ({ name: f.name, size: f.buffer.length })) },
  });
  expect(created.status()).toBe(201);
  const { uploadId } = await jsonOf<{ uploadId: string }>(created);
  for (const [index, f] of files.entries()) {
    const put = await page.request.put(`/api/datasets/uploads/${uploadId}/files/${index}`, {
      data: f.buffer,
      headers: { "content-type": "text/csv" },
    });
    expect(put.status()).toBe(200);
  }
  const imported = await page.request.post(`/api/datasets/uploads/${uploadId}/import`, { data: {} });
  expect(imported.status()).toBe(201);
  return jsonOf<Imported>(imported);
}

/** Every sequence's split, by name, through the API. */
export async function splitsByName(page: Page, datasetId: string): Promise<Record<string, string>> {
  const { sequences } = await new Api(page.request).dataset(datasetId);
  return Object.fromEntries(sequences.map((s) => [s.name, s.split]));
}

/** Sequence ids by name, through the API. */
export async function sequenceIds(page: Page, datasetId: string): Promise<Record<string, string>> {
  const { sequences } = await getJson<{ sequences: { name: string; id: string }[] }>(page.request, `/api/datasets/${datasetId}`);
  return Object.fromEntries(sequences.map((s) => [s.name, s.id]));
}

/** The split panel and sequence table of /datasets/[id]. */
export class DatasetSplits {
  constructor(readonly page: Page) {}

  async open(datasetId: string): Promise<void> {
    await this.page.goto(`/datasets/${datasetId}`);
    await expect(this.page.getByTestId("sequences.table")).toBeVisible();
  }

  warning(code: string, split?: string): Locator {
    const splitAttr = split === undefined ? "" : `[data-split="${split}"]`;
    return this.page.locator(`[data-testid="split.warning"][data-code="${code}"]${splitAttr}`);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="sequences.row"][data-name="${name}"]`);
  }

  select(name: string): Locator {
    return this.row(name).getByTestId("sequences.split");
  }

  /** Name of the first sequence in `split` whose ground truth reads `truth` ("normal" or an anomaly). */
  async firstIn(split: string, truth: RegExp): Promise<string> {
    const rows = this.page.getByTestId("sequences.row");
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      if ((await row.getByTestId("sequences.split").inputValue()) !== split) continue;
      if (truth.test((await row.getByTestId("sequences.truth").textContent()) ?? "")) return (await row.getAttribute("data-name")) ?? "";
    }
    throw new Error(`no ${truth} sequence in ${split}`);
  }

  get save(): Locator {
    return this.page.getByTestId("splits.save");
  }

  get status(): Locator {
    return this.page.getByTestId("splits.status");
  }
}

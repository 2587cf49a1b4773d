import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { Api } from "./api";

export type CsvPayload = { name: string; mimeType: string; buffer: Buffer };

export function csv(name: string, content: string | Buffer): CsvPayload {
  return { name, mimeType: "text/csv", buffer: typeof content === "string" ? Buffer.from(content) : content };
}

/** Page object for /datasets/upload. */
export class UploadPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/datasets/upload");
    await expect(this.page.getByTestId("upload.dropzone")).toBeVisible();
  }

  async choose(files: string[] | CsvPayload[]): Promise<void> {
    await this.page.getByTestId("upload.input").setInputFiles(files);
  }

  async submit(name: string): Promise<void> {
    await this.page.getByTestId("upload.name").fill(name);
    await this.page.getByTestId("upload.submit").click();
  }

  get error() {
    return this.page.getByTestId("upload.error");
  }
}

/** Names of the datasets the signed-in user sees, through the API. */
export async function datasetNames(page: Page): Promise<string[]> {
  return (await new Api(page.request).datasets()).map((d) => d.name);
}

let demoDir: string | null = null;

/** The PATH demo drives as CSV files (written once per worker into a temp dir, never committed). */
export function demoCsvFiles(count: number): string[] {
  if (!demoDir || !existsSync(demoDir)) {
    const dir = mkdtempSync(path.join(tmpdir(), "dqs-e2e-demo-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    demoDir = dir;
    execFileSync("npx", ["tsx", "scripts/demo-csv.ts", dir, "--count", "80"], { stdio: "ignore" });
  }
  const dir = demoDir;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .slice(0, count)
    .map((f) => path.join(dir, f));
}

/** Data rows of a CSV file (lines after the header). */
export function rowCount(file: string): number {
  return readFileSync(file, "utf8").trimEnd().split("\n").length - 1;
}

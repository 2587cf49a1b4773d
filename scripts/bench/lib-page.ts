/**
 * Runs lib/ code in a headless Chromium page without building the app: a local HTTP server hands
 * out lib/*.ts and scripts/bench/*-page.ts transpiled to ES modules on request (extensionless
 * imports resolve to .ts), and `evaluateModule` runs a page module's export. Used where a benchmark needs a browser API (WebGPU). 127.0.0.1 is a
 * secure context, which WebGPU requires.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../chromium";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function source(url: string): Promise<string | null> {
  const rel = decodeURIComponent(url.split("?")[0]!).replace(/^\/+/, "");
  const allowed = (rel.startsWith("lib/") && !rel.startsWith("lib/server/")) || /^scripts\/bench\/[a-z-]+-page\.ts$/.test(rel);
  if (!allowed || rel.includes("..")) return null;
  for (const file of [rel, `${rel}.ts`, `${rel}/index.ts`]) {
    if (!file.endsWith(".ts")) continue;
    try {
      const code = await readFile(path.join(ROOT, file), "utf8");
      return ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    } catch {
      // try the next spelling
    }
  }
  return null;
}

export type LibPage = {
  page: Page;
  /** `await import(modulePath)[name](arg)` in the page; arg and result cross as JSON. */
  evaluateModule<T>(modulePath: string, name: string, arg: unknown): Promise<T>;
  close(): Promise<void>;
};

export async function openLibPage(): Promise<LibPage> {
  const server: Server = createServer((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>bench</title>");
      return;
    }
    void source(req.url ?? "").then((js) => {
      if (js === null) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const browser: Browser = await chromium.launch(CHROMIUM_LAUNCH);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    page,
    evaluateModule: <T>(modulePath: string, name: string, arg: unknown) =>
      page.evaluate(`import(${JSON.stringify(modulePath)}).then((m) => m[${JSON.stringify(name)}](${JSON.stringify(arg)}))`) as Promise<T>,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

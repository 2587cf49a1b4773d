/**
 * The detectors benchmark in headless Chromium: starts the built app (`npm run build` first) on a
 * scratch SQLite database, signs in as the demo admin, runs /admin/bench (a web worker that probes
 * every tfjs backend, then times training steps and scoring on each), and prints the page's table
 * with the backend the picker chose on this machine.
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../chromium";

const PORT = 3500;
const BASE = `http://localhost:${PORT}`;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

/**
 * Starts the built app on a scratch database, opens /admin/bench signed in as the demo admin in
 * headless Chromium (WebGPU on), and hands the page to `onPage`. False when there is no build.
 */
export async function withBenchPage(onPage: (page: Page, browserVersion: string) => Promise<void>): Promise<boolean> {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(`${dist}/BUILD_ID`)) {
    console.log(`browser: no build in ${dist}/ — run \`npm run build\` first; skipped.`);
    return false;
  }
  const env = { ...process.env, DATABASE_URL: "file:./.data/bench.db", DATA_DIR: "./.data/bench", NODE_ENV: "production" as const };
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/db.ts", "reset"], { env, stdio: "ignore" });
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], { env, stdio: "ignore", detached: true });
  try {
    await waitForServer();
    const browser = await chromium.launch(CHROMIUM_LAUNCH);
    try {
      const page = await browser.newPage({ baseURL: BASE });
      await page.goto("/signin");
      await page.getByTestId("signin.email").fill("admin@dqs.local");
      await page.getByTestId("signin.password").fill("admin-demo-pw");
      await page.getByTestId("signin.submit").click();
      await page.waitForURL(/\/admin\/users$/);
      await page.goto("/admin/bench");
      await onPage(page, browser.version());
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
  return true;
}

export async function run(opts: { quick: boolean }): Promise<void> {
  await withBenchPage(async (page, version) => {
    await page.getByTestId(opts.quick ? "bench.quick" : "bench.run").click();
    const output = page.getByTestId("bench.output");
    await output.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ timeout: 20 * 60_000 });
    console.log(`browser (headless Chromium ${version}, one web worker):`);
    console.log(await output.innerText());
  });
}

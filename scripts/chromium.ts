/**
 * How the e2e tests (playwright.config.ts) and the browser benchmarks (scripts/bench) launch Chromium:
 * Debian's build, since Playwright's own browser download does not work offline (CHROMIUM_PATH
 * overrides it); flags that keep it off the network; WebGPU on, on a software adapter where there is
 * no GPU.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-webgpu",
    "--enable-unsafe-swiftshader",
  ],
};

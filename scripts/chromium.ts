/**
 * How the e2e tests (playwright.config.ts) and the browser benchmarks (scripts/bench) launch Chromium:
 * Debian's build of its headless shell (package chromium-headless-shell: the same Blink and V8 as the
 * chromium package without the desktop browser around them; Playwright's own default for headless
 * runs, whose download does not work offline). The e2e suite took about half the CPU time it takes in
 * the full browser's headless mode. CHROMIUM_PATH overrides it (e.g. /usr/bin/chromium). Flags that keep
 * it off the network; WebGPU on, on a software adapter where there is no GPU.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium-headless-shell",
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

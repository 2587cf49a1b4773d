/**
 * `npm run bench -- gpu`: the fused LSTM's WGSL kernels in headless Chromium (needs `npm run build`
 * first), on whatever WebGPU adapter the browser finds — a GPU where one is (Linux: Vulkan and
 * Chromium's --enable-unsafe-webgpu, which this script passes), else SwiftShader, a software adapter
 * whose timings say nothing about a GPU. Runs the admin bench page's "Fused LSTM on WebGPU" check in
 * its web worker: every check shape's outputs and gradients and a small TeVAE's training losses
 * against the op-by-op LSTM, then ms per TeVAE training step op by op and fused on WebGPU and fused on
 * wasm, side by side. `--quick`: fewer shapes and a small TeVAE (for a software adapter).
 *
 * Without a browser, on a machine with a GPU: scripts/bench/gpu-node.ts (Dawn's Node bindings) runs
 * the same comparison with the DTW rows.
 */
import { withBenchPage } from "./browser";

export async function run(opts: { quick: boolean }): Promise<void> {
  await withBenchPage(async (page, version) => {
    await page.getByTestId(opts.quick ? "lstmcheck.quick" : "lstmcheck.run").click();
    const panel = page.getByTestId("lstmcheck");
    await panel.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ timeout: 60 * 60_000 });
    console.log(`headless Chromium ${version}, one web worker:`);
    console.log(await panel.innerText());
  });
}

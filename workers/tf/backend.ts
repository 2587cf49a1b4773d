/**
 * Backend selection inside a worker: checks WebGPU itself, probes the backends that can start with a
 * short timed workload, and picks the fastest (lib/backend/choose.ts); a software WebGPU adapter is
 * only a fallback. The WASM binaries are served from /tfjs/ (copied from the package at install).
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import {
  backendsToProbe,
  chooseBackend,
  type BackendChoice,
  type BackendName,
  type BackendProbe,
  type GpuAdapterInfo,
} from "@/lib/backend/choose";

setWasmPaths("/tfjs/");
// The threaded WASM build starts pthread workers from a blob that re-runs the main script, which a
// bundled module worker cannot provide ("a is not defined"); threads also measured no faster on a
// 2-core machine (226 ms vs 251 ms per training step). SIMD stays on.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

type GpuAdapterLike = { info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean };
type NavigatorWithGpu = { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } };

export async function gpuAdapterInfo(): Promise<GpuAdapterInfo | null> {
  const gpu = (self.navigator as unknown as NavigatorWithGpu).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    return {
      vendor: adapter.info?.vendor ?? "",
      architecture: adapter.info?.architecture ?? "",
      isFallbackAdapter: Boolean(adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter),
    };
  } catch {
    return null;
  }
}

/** Twenty 128×128 matmuls with a tanh, after a warm-up that compiles shaders: median of 3, in ms. */
async function timeProbe(): Promise<number> {
  const a = tf.randomNormal([128, 128], 0, 1, "float32", 1);
  const run = async () => {
    const t0 = performance.now();
    const out = tf.tidy(() => {
      let x: tf.Tensor = a;
      for (let i = 0; i < 20; i++) x = tf.tanh(tf.matMul(x, a));
      return x;
    });
    await out.data();
    out.dispose();
    return performance.now() - t0;
  };
  await run();
  const times = [await run(), await run(), await run()].sort((x, y) => x - y);
  a.dispose();
  return times[1] ?? Infinity;
}

async function probe(backend: BackendName): Promise<BackendProbe> {
  try {
    if (!(await tf.setBackend(backend))) return { backend, ok: false, error: "did not initialise" };
    await tf.ready();
    return { backend, ok: true, ms: await timeProbe() };
  } catch (error) {
    return { backend, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export type BackendSelection = BackendChoice & { adapter: GpuAdapterInfo | null; probes: BackendProbe[] };

export async function selectBackend(override?: BackendName): Promise<BackendSelection> {
  const adapter = await gpuAdapterInfo();
  const names = backendsToProbe(adapter);
  if (override && !names.includes(override)) names.push(override);
  const probes: BackendProbe[] = [];
  for (const name of names) probes.push(await probe(name));
  const choice = chooseBackend(adapter, probes, override);
  await tf.setBackend(choice.backend);
  await tf.ready();
  return { ...choice, adapter, probes };
}

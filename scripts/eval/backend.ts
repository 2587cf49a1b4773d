/**
 * The TensorFlow.js backend in Node: wasm (SIMD, single thread here; the fastest measured on these
 * CPU-only machines) or cpu, as `npm run bench -- detectors` uses them. Falls back to cpu when wasm
 * does not start, and says so.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

export async function startBackend(wanted: "wasm" | "cpu"): Promise<{ backend: string; note: string | null }> {
  try {
    if ((await tf.setBackend(wanted)) && tf.getBackend() === wanted) return { backend: wanted, note: null };
  } catch {
    // fall through to cpu
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("no TensorFlow.js backend could be started (tried wasm and cpu)");
  return { backend: "cpu", note: `backend ${wanted} did not start; using cpu` };
}

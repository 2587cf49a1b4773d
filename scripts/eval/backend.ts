/**
 * The TensorFlow.js backend in Node: wasm (SIMD, single thread here; the fastest measured on these
 * CPU-only machines) or cpu, as `npm run bench -- detectors` uses them; or webgpu on a machine with a
 * GPU, through Dawn's Node bindings (`--webgpu PATH`, see scripts/bench/dawn.ts). Falls back to cpu when
 * the backend asked for does not start, and says so.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { installDawn } from "../bench/dawn";

export type EvalBackend = "wasm" | "cpu" | "webgpu";

export async function startBackend(wanted: EvalBackend, dawnPath: string | null = null): Promise<{ backend: string; note: string | null }> {
  let reason = "";
  try {
    if (wanted === "webgpu") {
      if (!dawnPath) throw new Error("--backend webgpu needs --webgpu PATH (the index.js of npm's `webgpu` package)");
      await installDawn(dawnPath);
      // The webgpu backend registers itself on import only where navigator.gpu exists.
      await import("@tensorflow/tfjs-backend-webgpu");
    }
    if ((await tf.setBackend(wanted)) && tf.getBackend() === wanted) return { backend: wanted, note: null };
  } catch (error) {
    reason = `: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!(await tf.setBackend("cpu"))) throw new Error(`no TensorFlow.js backend could be started (tried ${wanted} and cpu)`);
  return { backend: "cpu", note: `backend ${wanted} did not start${reason}; using cpu` };
}

/**
 * WebGPU in Node from Dawn's bindings (npm `webgpu`, not a dependency of the app: carried to a machine
 * with a GPU, see scripts/bench/gpu-node-bundle.sh). Installs what the browser provides — navigator.gpu,
 * GPUBufferUsage, GPUMapMode, … — so that lib/ code and tfjs's webgpu backend run unchanged.
 */
import { pathToFileURL } from "node:url";

export async function installDawn(modulePath: string): Promise<void> {
  const dawn = (await import(pathToFileURL(modulePath).href)) as { create(flags: string[]): GPU; globals: Record<string, unknown> };
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  Object.defineProperty(globalThis, "navigator", { value: { gpu, userAgent: "node" }, configurable: true, writable: true });
}

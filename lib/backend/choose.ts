/**
 * Picks the fastest tfjs backend the machine really has, and says why. A WebGPU adapter that is a
 * software emulation (SwiftShader, `isFallbackAdapter`) is ~18× slower than WASM on a CPU-only
 * machine (measured on the 2-core test machine), so it only counts as a fallback; otherwise the backends that started are
 * ranked by a short timed probe.
 */
export const BACKENDS = ["webgpu", "wasm", "webgl", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

export type GpuAdapterInfo = { vendor: string; architecture: string; isFallbackAdapter: boolean };

export type BackendProbe = {
  backend: BackendName;
  ok: boolean;
  /** Median ms of the probe workload; undefined when it was not timed. */
  ms?: number;
  error?: string;
};

export type BackendChoice = { backend: BackendName; reason: string };

export function isSoftwareAdapter(info: GpuAdapterInfo): boolean {
  return info.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(`${info.vendor} ${info.architecture}`);
}

/** The backends worth probing: a software WebGPU adapter is skipped unless the user asks for it. */
export function backendsToProbe(adapter: GpuAdapterInfo | null): BackendName[] {
  return adapter && !isSoftwareAdapter(adapter) ? ["webgpu", "wasm", "webgl", "cpu"] : ["wasm", "webgl", "cpu"];
}

function describeAdapter(adapter: GpuAdapterInfo | null): string {
  if (!adapter) return "no WebGPU adapter";
  const name = [adapter.vendor, adapter.architecture].filter(Boolean).join(" ") || "unknown";
  return isSoftwareAdapter(adapter) ? `WebGPU is only a software adapter (${name})` : `WebGPU adapter ${name}`;
}

export function chooseBackend(adapter: GpuAdapterInfo | null, probes: BackendProbe[], override?: BackendName): BackendChoice {
  const started = probes.filter((p) => p.ok);
  if (override) {
    const probe = probes.find((p) => p.backend === override);
    if (probe?.ok) return { backend: override, reason: `chosen by you (${describeAdapter(adapter)})` };
    const fallback = chooseBackend(adapter, probes);
    return { backend: fallback.backend, reason: `${override} did not start (${probe?.error ?? "not available"}); ${fallback.reason}` };
  }
  if (started.length === 0) throw new BackendUnavailableError(probes);
  const timed = started.filter((p) => p.ms !== undefined).sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
  const best = timed[0] ?? started[0];
  if (!best) throw new BackendUnavailableError(probes);
  const figures = timed.map((p) => `${p.backend} ${(p.ms ?? 0).toFixed(1)} ms`).join(", ");
  return { backend: best.backend, reason: `fastest in a short probe (${figures}); ${describeAdapter(adapter)}` };
}

export class BackendUnavailableError extends Error {
  override readonly name = "BackendUnavailableError";
  readonly code = "no_backend" as const;
  constructor(readonly probes: BackendProbe[]) {
    super(`No TensorFlow.js backend could start: ${probes.map((p) => `${p.backend}: ${p.error ?? "failed"}`).join("; ")}`);
  }
}

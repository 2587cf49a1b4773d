import { describe, expect, it } from "vitest";
import { backendsToProbe, BackendUnavailableError, chooseBackend, isSoftwareAdapter } from "./choose";

const swiftshader = { vendor: "google", architecture: "swiftshader", isFallbackAdapter: true };
const nvidia = { vendor: "nvidia", architecture: "hopper", isFallbackAdapter: false };

describe("chooseBackend", () => {
  it("treats SwiftShader as a software adapter and does not probe it", () => {
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ ...swiftshader, isFallbackAdapter: false })).toBe(true);
    expect(isSoftwareAdapter(nvidia)).toBe(false);
    expect(backendsToProbe(swiftshader)).not.toContain("webgpu");
    expect(backendsToProbe(nvidia)[0]).toBe("webgpu");
    expect(backendsToProbe(null)).toEqual(["wasm", "webgl", "cpu"]);
  });

  it("picks the fastest backend of the probe and says why", () => {
    const choice = chooseBackend(swiftshader, [
      { backend: "wasm", ok: true, ms: 36 },
      { backend: "webgl", ok: true, ms: 194 },
      { backend: "cpu", ok: true, ms: 744 },
    ]);
    expect(choice.backend).toBe("wasm");
    expect(choice.reason).toContain("wasm 36.0 ms");
    expect(choice.reason).toContain("software adapter");
  });

  it("prefers a real GPU when it is fastest", () => {
    const choice = chooseBackend(nvidia, [
      { backend: "webgpu", ok: true, ms: 3 },
      { backend: "wasm", ok: true, ms: 36 },
    ]);
    expect(choice.backend).toBe("webgpu");
  });

  it("honours an override that started, and falls back with a reason when it did not", () => {
    const probes = [
      { backend: "wasm" as const, ok: true, ms: 36 },
      { backend: "webgpu" as const, ok: false, error: "no adapter" },
    ];
    expect(chooseBackend(null, [...probes, { backend: "cpu", ok: true, ms: 500 }], "cpu").backend).toBe("cpu");
    const fallback = chooseBackend(null, probes, "webgpu");
    expect(fallback.backend).toBe("wasm");
    expect(fallback.reason).toContain("webgpu did not start (no adapter)");
  });

  it("fails with a typed error when nothing starts", () => {
    expect(() => chooseBackend(null, [{ backend: "wasm", ok: false, error: "404" }])).toThrow(BackendUnavailableError);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { benchCases } from "./benchmark";
import { createDetector, DETECTOR_KINDS, detectorSpec, loadDetector } from "./index";
import { GRADIENT_SETTINGS, isDetectorKind } from "./registry";
import { setCpuBackend } from "./test-helpers";

beforeAll(setCpuBackend);

describe("the detector registry", () => {
  it("builds every kind from its entry, with the entry's resolved configuration, and loads it back", async () => {
    for (const kind of DETECTOR_KINDS) {
      const options = { features: 2, windowSize: 8, hidden: 4, seed: 3 };
      const detector = createDetector(kind, options);
      expect(detector.kind).toBe(kind);
      expect(detector.config).toEqual(detectorSpec(kind).resolve(options));
      const loaded = await loadDetector(await detector.save());
      expect(loaded.kind).toBe(kind);
      expect(loaded.parameterCount).toBe(detector.parameterCount);
      detector.dispose();
      loaded.dispose();
    }
  });

  it("says what each kind needs from the form and the run page", () => {
    for (const kind of DETECTOR_KINDS) {
      const spec = detectorSpec(kind);
      if (spec.training === "gradient") {
        expect(spec.form.settings).toEqual(GRADIENT_SETTINGS);
        expect(spec.fittedNote).toBeUndefined();
      } else {
        expect(spec.form.settings).not.toContain("epochs");
        expect(spec.fittedNote).toMatch(/no epochs/);
      }
    }
    expect(detectorSpec("linear").backendNote).toMatch(/not used by the linear detector/);
  });

  it("knows only its own kinds", () => {
    expect(isDetectorKind("tevae")).toBe(true);
    expect(isDetectorKind("toString")).toBe(false);
    expect(detectorSpec("svm")).toBeUndefined();
  });

  it("lists the benchmark rows: the quick ones without the full-size TeVAE", () => {
    const rows = (full: boolean) => benchCases(8, full).map((c) => `${c.kind} ${c.hidden}`);
    expect(rows(false)).toEqual(expect.arrayContaining(["tevae 32", "lstm-ae 64"]));
    expect(rows(false)).not.toContain("tevae 128");
    expect(rows(true)).toEqual(expect.arrayContaining(["tevae 32", "tevae 128", "lstm-ae 64"]));
    expect(rows(true).filter((r) => r.startsWith("linear"))).toEqual([]);
  });
});

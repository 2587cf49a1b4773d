import { BackendUnavailableError } from "../backend/choose";
import { describe, expect, it } from "vitest";
import { PreprocessError } from "../preprocess";
import { DetectorError, errorCode } from "./errors";
import { createDetector } from "./index";
import { resolveTrainOptions } from "./train-options";

const codeOf = (f: () => unknown) => {
  try {
    f();
    return "none";
  } catch (error) {
    return errorCode(error);
  }
};

describe("detector errors", () => {
  it("maps errors to codes for the UI", () => {
    expect(errorCode(new DetectorError("busy", "x"))).toBe("busy");
    expect(errorCode(new PreprocessError("invalid_window_size", "x"))).toBe("invalid_window_size");
    expect(errorCode(new BackendUnavailableError([{ backend: "webgpu", ok: false, error: "no adapter" } as never]))).toBe("no_backend");
    expect(errorCode(new Error("x"))).toBe("internal");
    expect(errorCode("x")).toBe("internal");
  });

  it("rejects bad configurations and options with typed codes", () => {
    expect(codeOf(() => createDetector("tevae", { features: 0, windowSize: 8 }))).toBe("invalid_config");
    expect(codeOf(() => createDetector("lstm-ae", { features: 2, windowSize: 8, hidden: 1.5 }))).toBe("invalid_config");
    expect(codeOf(() => resolveTrainOptions({ batchSize: 0 }))).toBe("invalid_option");
    expect(codeOf(() => resolveTrainOptions({ learningRate: -1 }))).toBe("invalid_option");
    expect(resolveTrainOptions({ epochs: undefined }).epochs).toBe(100);
    expect(resolveTrainOptions({ patience: Number.POSITIVE_INFINITY }).patience).toBe(Number.POSITIVE_INFINITY);
  });
});

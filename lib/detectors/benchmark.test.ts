import { describe, expect, it } from "vitest";
import { GPU_LSTM_VARIANTS, formatVariantTable, gpuLstmBench, type BenchRow } from "./benchmark";

const row = (backend: string, lstm: "ops" | "fused", hidden: number, stepMs: number, windowsPerSecond: number): BenchRow => ({
  kind: "tevae",
  hidden,
  backend,
  lstm,
  params: hidden * 1000,
  stepMs,
  windowsPerSecond,
});

describe("the GPU benchmark's LSTM comparison", () => {
  it("prints one line per size, a column per backend and implementation, and the fused speed-up on the backend that has both", () => {
    const rows = [
      row("webgpu", "ops", 32, 1000, 10),
      row("webgpu", "fused", 32, 125, 40),
      row("wasm", "fused", 32, 250, 20),
      row("webgpu", "ops", 128, 3000, 5),
      row("webgpu", "fused", 128, 300, 50),
    ];
    const lines = formatVariantTable(rows, "title").split("\n");
    expect(lines[0]).toBe("title");
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      "detector",
      "hidden",
      "weights",
      "webgpu ops ms/step",
      "webgpu fused ms/step",
      "wasm fused ms/step",
      "webgpu fused speed-up",
      "webgpu ops win/s",
      "webgpu fused win/s",
      "wasm fused win/s",
    ]);
    expect(lines[2]?.trim().split(/\s+/)).toEqual(["tevae", "32", "32,000", "1000", "125", "250", "8.0×", "10", "40", "20"]);
    // No wasm row for h = 128: a dash, not a number.
    expect(lines[3]?.trim().split(/\s+/)).toEqual(["tevae", "128", "128,000", "3000", "300", "–", "10.0×", "5", "50", "–"]);
  });

  it("runs op by op and fused on WebGPU and fused on wasm; quick is one small TeVAE, full the form's and the design's size", () => {
    expect(GPU_LSTM_VARIANTS.map((v) => `${v.backend} ${v.lstm}`)).toEqual(["webgpu ops", "webgpu fused", "wasm fused"]);
    expect(gpuLstmBench(true, 8).cases).toEqual([{ kind: "tevae", hidden: 8 }]);
    expect(gpuLstmBench(false, 8).cases.map((c) => c.hidden)).toEqual([32, 128]);
    expect(gpuLstmBench(false, 8).plan).toMatchObject({ windowSize: 32, batchSize: 32 });
  });
});

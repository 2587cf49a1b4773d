import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import type { NetworkDetector } from "./detector";
import { residualEmbedding, stretchEmbeddings } from "./embedding";
import { createDetector } from "./index";
import { excludedSteps } from "./loe-linear";
import { refineDetector } from "./refine";
import { demoSequences, setCpuBackend } from "./test-helpers";

describe("one entry for embeddings and refinement, whatever the detector", () => {
  let data: SeriesColumns[] = [];
  beforeAll(async () => {
    await setCpuBackend();
    data = demoSequences({ sequences: 5, length: 100, channels: 3, seed: 3 });
    for (let t = 50; t < 80; t++) data[4]![1]![t]! += 4;
  }, 60_000);

  it("embeds with the network's latent, or with the linear detector's residual features", async () => {
    const stretches = [
      [0, 50],
      [50, 100],
    ] as const;
    const net = createDetector("lstm-ae", { features: 3, windowSize: 8, hidden: 4, seed: 1 }) as NetworkDetector;
    expect(await stretchEmbeddings(net, data[4]!, stretches)).toEqual(await net.embed(data[4]!, stretches));
    net.dispose();
    const linear = createDetector("linear", { features: 3, windowSize: 8, seed: 1 });
    await linear.train({ train: data.slice(0, 4), validation: [] });
    const scored = await linear.score(data[4]!);
    const embedded = await stretchEmbeddings(linear, data[4]!, stretches);
    expect(embedded).toEqual(stretches.map(([a, b]) => residualEmbedding(data[4]!, scored, a, b)));
    // The shifted channel's residuals: larger over the shift than before it.
    expect(embedded[1]![1]).toBeGreaterThan(embedded[0]![1]!);
    linear.dispose();
  }, 60_000);

  it("refits the linear detector without the labelled-anomalous and top-α steps: a new detector of the same kind and config", async () => {
    const parent = createDetector("linear", { features: 3, windowSize: 8, seed: 1 });
    await parent.train({ train: data, validation: [] });
    const saved = await parent.save();
    const loe = { sequences: data, spans: [{ sequence: 4, start: 50, end: 80, anomalous: true }] };
    const child = await refineDetector(saved, loe, { alpha: 0.1 });
    expect(child.kind).toBe("linear");
    expect((await child.save()).config).toEqual(saved.config);
    // Left out of the refit, the shifted stretch no longer pulls the fit: its scores rise against the parent's.
    const mean = (xs: Float32Array) => xs.slice(50, 80).reduce((s, v) => s + v, 0) / 30;
    expect(mean((await child.score(data[4]!)).score)).toBeGreaterThan(mean((await parent.score(data[4]!)).score));
    const scores = await Promise.all(data.map(async (c) => (await parent.score(c)).score));
    expect(
      excludedSteps(loe, scores, 0.1)[4]!
        .slice(50, 80)
        .every((v) => v === 1),
    ).toBe(true);
    parent.dispose();
    child.dispose();
  }, 60_000);
});

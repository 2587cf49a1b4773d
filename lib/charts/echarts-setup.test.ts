import { SVGRenderer } from "echarts/renderers";
import { describe, expect, it } from "vitest";
import { labelChannelsOption, labelScoreOption } from "./label-options";
import { lossChartOptions, scoreChartOptions, sparklineOptions } from "./run-options";
import { echarts } from "./echarts-setup";
import { buildExperimentOption } from "./experiment-options";
import { knownReport } from "./experiment-fixture";
import { f1CurveOptions, historyOptions } from "./metrics-options";
import { buildSequenceOption } from "./sequence-options";
import { channelHeatmapOption } from "./channel-heatmap";

// Rendering in Node needs the SVG renderer (server-side rendering); it draws nothing the app relies on.
echarts.use([SVGRenderer]);

/** Top-level option keys that are not components ECharts must have registered. */
const NOT_COMPONENTS = new Set(["animation", "series", "color", "backgroundColor", "textStyle", "aria"]);

/** The option's components that ECharts dropped: they are in the option but not in the chart's model. */
function dropped(option: Record<string, unknown>): string[] {
  const chart = echarts.init(null, undefined, { renderer: "svg", ssr: true, width: 800, height: 600 });
  try {
    chart.setOption(option);
    const model = (chart as unknown as { getModel(): { getComponent(type: string): unknown } }).getModel();
    return Object.keys(option).filter((key) => !NOT_COMPONENTS.has(key) && option[key] !== undefined && !model.getComponent(key));
  } finally {
    chart.dispose();
  }
}

const range = { from: 0, to: 100 };
const channel = { name: "speed", x: [0, 50, 99], y: [1, 2, 3] };
const score = Float32Array.from({ length: 100 }, (_, i) => (i > 60 ? 5 : 1));
const scoreCase = {
  score,
  context: range,
  candidate: { from: 40, to: 90 },
  onset: 61,
  thresholds: [{ label: "refined", value: 3 }],
  view: range,
};

describe("echarts-setup registers what every chart of the app uses", () => {
  it.each([
    [
      "loss chart (run page)",
      () =>
        lossChartOptions([
          { epoch: 1, trainLoss: 2, valLoss: 1.5 },
          { epoch: 2, trainLoss: 1, valLoss: 1.2 },
        ]),
    ],
    ["score chart (run page)", () => scoreChartOptions(score, [{ label: "unsupervised", value: 3 }], 2, { lower: 1.5, upper: 4 })],
    ["sparkline (run page)", () => sparklineOptions(score, 3)],
    [
      "sequence viewer",
      () => buildSequenceOption({ channels: [channel], samplingRate: 1, length: 100, window: range, groundTruth: [[60, 80]] }),
    ],
    [
      "labelling: channels",
      () => labelChannelsOption({ channels: [channel], context: range, candidate: { from: 40, to: 90 }, onset: 61, view: range }),
    ],
    ["labelling: score", () => labelScoreOption(scoreCase)],
    [
      "labelling: score on the symlog scale, with a marked region",
      () => labelScoreOption({ ...scoreCase, region: { from: 61, to: 80 }, band: { lower: 2, upper: 4 }, scale: "symlog" }),
    ],
    [
      "channel heat map (labelling page, sequence view)",
      () => channelHeatmapOption({ channelScores: Float32Array.of(...score, ...score), length: 100, channelNames: ["a", "b"], range }),
    ],
    ["experiments", () => buildExperimentOption(knownReport(), { stage: 1, mislabel: 0, metric: "f1" })],
    [
      "metrics: F1 curve",
      () =>
        f1CurveOptions(
          [
            { threshold: 1, f1: 0, precision: 0, recall: 0 },
            { threshold: 4, f1: 0.8, precision: 2 / 3, recall: 1 },
          ],
          [{ name: "best", value: 4, f1: 0.8 }],
        ),
    ],
    [
      "metrics: history",
      () =>
        historyOptions([
          { step: 0, version: 0, batch: null, labelCount: 0, refined: false, threshold: 4, test: null, createdAt: "" },
          { step: 1, version: 1, batch: 1, labelCount: 1, refined: true, threshold: 3, test: null, createdAt: "" },
        ]),
    ],
  ])("%s: no component of its option is dropped", (_name, build) => {
    const option = build() as unknown as Record<string, unknown>;
    expect(Object.keys(option).length).toBeGreaterThan(2);
    expect(dropped(option)).toEqual([]);
  });

  it("would notice a component that is not registered", () => {
    expect(dropped({ title: { text: "not registered" }, xAxis: { type: "value" }, yAxis: { type: "value" }, series: [] })).toEqual([
      "title",
    ]);
  });
});

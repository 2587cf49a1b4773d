import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { ThresholdView } from "../threshold/view";
import {
  chooseThreshold,
  csvHeader,
  exportFilename,
  fileSlug,
  LABEL_COLUMNS,
  labelRecords,
  predictionRecord,
  recordCells,
  thresholdAfter,
  thresholdRecord,
  type ExportLabelSource,
} from "./rows";

function label(id: string, createdAt: string, over: Partial<ExportLabelSource> = {}): ExportLabelSource {
  return {
    id,
    clientId: `c-${id}`,
    userId: "u1",
    userName: "Erik Expert",
    userEmail: "expert@dqs.local",
    anomalous: true,
    onset: 15,
    note: "",
    createdAt,
    queryId: "q1",
    resolvedLabelId: null,
    batchId: "b1",
    strategy: "dqs",
    sequence: "s1",
    split: "validation",
    start: 0,
    end: 30,
    ...over,
  };
}

function threshold(version: number, createdAt: string, over: Partial<ThresholdView> = {}): ThresholdView {
  return {
    id: `t${version}`,
    runId: "r1",
    kind: "refined",
    value: version,
    f1: 1,
    precision: 1,
    recall: 1,
    labelCount: 1,
    anomalousCount: 1,
    placement: "margin",
    interval: { lower: null, upper: 2 },
    bounds: null,
    normalAlarmShare: 0,
    warning: null,
    reason: null,
    labelIds: [],
    version,
    createdAt,
    createdBy: "Erik Expert",
    ...over,
  };
}

describe("csvHeader", () => {
  it("writes the keys in snake_case", () => {
    expect(csvHeader(LABEL_COLUMNS).slice(0, 4)).toEqual(["label_id", "created_at", "user_name", "user_email"]);
    expect(csvHeader(["regionEnd", "thresholdAfterKind"])).toEqual(["region_end", "threshold_after_kind"]);
  });
});

describe("recordCells", () => {
  it("gives the cells in column order, lists joined by spaces", () => {
    const cells = recordCells<{ a: number; b: string[] | null; c: string }>(["c", "a", "b"]);
    expect(cells({ a: 1, b: ["x", "y"], c: "z" })).toEqual(["z", 1, "x y"]);
    expect(cells({ a: 1, b: null, c: "z" })).toEqual(["z", 1, null]);
  });
});

describe("thresholdAfter", () => {
  const history = [
    threshold(0, "2026-01-01T00:00:00.000Z", { kind: "unsupervised", labelIds: null }),
    threshold(1, "2026-01-01T00:01:00.000Z", { labelIds: ["a"] }),
    threshold(2, "2026-01-01T00:02:00.000Z", { kind: "manual", labelIds: null }),
    threshold(3, "2026-01-01T00:02:00.000Z", { kind: "withdrawn", labelIds: ["a"] }),
    threshold(4, "2026-01-01T00:02:00.000Z", { labelIds: ["a", "b"] }),
  ];

  it("is the first labels' threshold stored after the label that counted it", () => {
    expect(thresholdAfter({ id: "a", createdAt: "2026-01-01T00:00:59.000Z" }, history)?.version).toBe(1);
    // Stored in the same millisecond as the previous change's threshold: the one that counted it.
    expect(thresholdAfter({ id: "b", createdAt: "2026-01-01T00:02:00.000Z" }, history)?.version).toBe(4);
  });

  it("skips manual and unsupervised rows, and is null when none comes after", () => {
    expect(thresholdAfter({ id: "c", createdAt: "2026-01-01T00:01:30.000Z" }, history)?.version).toBe(3);
    expect(thresholdAfter({ id: "d", createdAt: "2026-01-01T00:03:00.000Z" }, history)).toBeNull();
  });
});

describe("labelRecords", () => {
  it("lists every label oldest first, saying which counts and the threshold after it", () => {
    const labels = [
      label("l2", "2026-01-01T00:02:00.000Z", { anomalous: false, onset: null, userName: "Theo", note: 'looks "fine", really' }),
      label("l1", "2026-01-01T00:01:00.000Z"),
      label("l3", "2026-01-01T00:03:00.000Z", { queryId: "q2", sequence: "s2", onset: 4, regionEnd: 7, start: 2, end: 8 }),
    ];
    const history = [
      threshold(1, "2026-01-01T00:01:00.001Z", { value: 5, labelIds: ["l1"] }),
      threshold(2, "2026-01-01T00:02:00.001Z", { kind: "withdrawn", value: 9, labelIds: ["l2"] }),
    ];
    const records = labelRecords(labels, history);
    expect(records.map((r) => r.labelId)).toEqual(["l1", "l2", "l3"]);
    expect(records.map((r) => r.counts)).toEqual([false, true, true]);
    expect(records[0]).toMatchObject({ label: "anomalous", onset: 15, regionEnd: null, thresholdAfter: 5, thresholdAfterKind: "refined" });
    expect(records[1]).toMatchObject({
      label: "normal",
      onset: null,
      userName: "Theo",
      thresholdAfter: 9,
      thresholdAfterKind: "withdrawn",
    });
    expect(records[2]).toMatchObject({
      queryStart: 2,
      queryEnd: 8,
      onset: 4,
      regionEnd: 7,
      sequence: "s2",
      thresholdAfter: null,
      thresholdAfterKind: null,
    });
    expect(Object.keys(records[0] ?? {})).toEqual([...LABEL_COLUMNS]);
  });

  it("counts an admin's resolution over the latest label", () => {
    const labels = [
      label("l1", "2026-01-01T00:01:00.000Z", { resolvedLabelId: "l1" }),
      label("l2", "2026-01-01T00:02:00.000Z", { resolvedLabelId: "l1" }),
    ];
    expect(labelRecords(labels, []).map((r) => r.counts)).toEqual([true, false]);
  });
});

describe("chooseThreshold", () => {
  const run = { unsupervised: 3, refined: 2.5, manual: null };

  it("defaults to the refined threshold, else the unsupervised one", () => {
    expect(chooseThreshold(undefined, run)).toEqual({ kind: "refined", value: 2.5 });
    expect(chooseThreshold(undefined, { ...run, refined: null })).toEqual({ kind: "unsupervised", value: 3 });
  });

  it("takes a named threshold or a number", () => {
    expect(chooseThreshold({ kind: "unsupervised" }, run)).toEqual({ kind: "unsupervised", value: 3 });
    expect(chooseThreshold({ kind: "value", value: 7 }, run)).toEqual({ kind: "value", value: 7 });
    expect(chooseThreshold({ kind: "manual" }, { ...run, manual: 4 })).toEqual({ kind: "manual", value: 4 });
  });

  it("answers 409 for a threshold the run does not have", () => {
    const error = (() => {
      try {
        chooseThreshold({ kind: "manual" }, run);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    expect((error as AppError).message).toBe("This run has no manual threshold (no admin has set one); choose another or give a number.");
    expect(() => chooseThreshold(undefined, { unsupervised: null, refined: null, manual: null })).toThrow(/no unsupervised threshold/);
  });
});

describe("predictionRecord", () => {
  const scores = Float32Array.from([0.5, 1.25, 3, 2, 3.5]);

  it("alarms at the first step whose score reaches the threshold", () => {
    const r = predictionRecord({ name: "s1", split: "test" }, scores, { kind: "refined", value: 3 }, { anomalous: true, onset: 2 });
    expect(r).toEqual({
      sequence: "s1",
      split: "test",
      length: 5,
      maxScore: 3.5,
      threshold: 3,
      thresholdKind: "refined",
      predictedAnomalous: true,
      firstAlarmStep: 2,
      trueAnomalous: true,
      trueOnset: 2,
    });
  });

  it("has no alarm below the threshold and no ground truth without one", () => {
    const r = predictionRecord({ name: "s2", split: "validation" }, scores, { kind: "value", value: 3.6 }, null);
    expect(r).toMatchObject({ predictedAnomalous: false, firstAlarmStep: null, trueAnomalous: null, trueOnset: null });
  });

  it("prints the float32 maximum as its shortest decimal", () => {
    expect(predictionRecord({ name: "s", split: "test" }, Float32Array.from([0.1]), { kind: "value", value: 1 }, null).maxScore).toBe(0.1);
    expect(predictionRecord({ name: "s", split: "test" }, new Float32Array(0), { kind: "value", value: 1 }, null).maxScore).toBeNull();
  });
});

describe("thresholdRecord", () => {
  it("flattens the interval", () => {
    const r = thresholdRecord(threshold(1, "2026-01-01T00:00:00.000Z", { interval: { lower: 1, upper: 2 }, labelIds: ["a", "b"] }));
    expect(r).toMatchObject({ version: 1, kind: "refined", lower: 1, upper: 2, labelIds: ["a", "b"] });
  });
});

describe("exportFilename", () => {
  it("keeps the dataset's name readable and safe", () => {
    expect(exportFilename("PATH demo (EV powertrain)", "cm1abc", "labels", "csv")).toBe("PATH-demo-EV-powertrain-cm1abc-labels.csv");
    expect(exportFilename('Zoë\'s "data"/..\\x', "r1", "scores", "json")).toBe("Zoe-s-data-..-x-r1-scores.json");
    expect(fileSlug("日本", "dataset")).toBe("dataset");
    expect(fileSlug("a".repeat(80), "x")).toHaveLength(60);
  });
});

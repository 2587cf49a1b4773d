import { describe, expect, it } from "vitest";
import { thresholdFromLabels, toLabelledCandidates, type LabelledQuery, type LabelView } from "../labelling/labels";
import {
  boundsOnPage,
  countingLabels,
  newerThreshold,
  shownThreshold,
  stateOfView,
  thresholdInEffect,
  thresholdRecord,
  type ThresholdView,
} from "./view";

const label = (over: Partial<LabelView>): LabelView => ({
  id: "l",
  clientId: "c",
  userId: "u1",
  userName: "Erik",
  anomalous: false,
  onset: null,
  note: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  ...over,
});
const f32 = (...xs: number[]) => Float32Array.from(xs);

// Sequence "a": anomalous from step 2 (scores 1 1 5 2); sequence "n": normal, peaking at 3.
const queries: LabelledQuery[] = [
  { queryId: "qa", sequenceId: "a", start: 0, end: 4, resolvedLabelId: null, labels: [label({ id: "la", anomalous: true, onset: 2 })] },
  {
    queryId: "qn",
    sequenceId: "n",
    start: 0,
    end: 2,
    resolvedLabelId: null,
    labels: [label({ id: "old", anomalous: true, onset: 0 }), label({ id: "ln", userId: "u2", createdAt: "2026-01-02T00:00:00.000Z" })],
  },
];
const scores = new Map([
  ["a", f32(1, 1, 5, 2)],
  ["n", f32(3, 0)],
]);

const view = (over: Partial<ThresholdView>): ThresholdView => ({
  id: "t",
  runId: "r",
  kind: "refined",
  value: 4,
  f1: 1,
  precision: 1,
  recall: 1,
  labelCount: 2,
  anomalousCount: 1,
  placement: "margin",
  interval: { lower: 3, upper: 5 },
  bounds: null,
  normalAlarmShare: 0,
  warning: null,
  reason: null,
  labelIds: ["la", "ln"],
  version: 1,
  createdAt: "2026-01-03T00:00:00.000Z",
  createdBy: "Erik",
  ...over,
});

describe("countingLabels", () => {
  it("lists the label that counts per query, in the order of the candidates", () => {
    expect(countingLabels(queries)).toEqual([
      { labelId: "la", queryId: "qa", sequenceId: "a", start: 0, end: 4 },
      { labelId: "ln", queryId: "qn", sequenceId: "n", start: 0, end: 2 },
    ]);
    expect(countingLabels([{ ...queries[1]!, resolvedLabelId: "old" }]).map((c) => c.labelId)).toEqual(["old"]);
  });
});

describe("thresholdRecord", () => {
  it("stores a refined threshold with its placement, interval, alarm share and the labels it came from", () => {
    const { candidates } = toLabelledCandidates(queries, scores);
    const state = thresholdFromLabels(candidates, 7, 1);
    const record = thresholdRecord(state, countingLabels(queries));
    expect(record).toMatchObject({
      kind: "refined",
      f1: 1,
      precision: 1,
      recall: 1,
      labelCount: 2,
      anomalousCount: 1,
      placement: "margin",
      lower: 3,
      upper: 5,
      normalAlarmShare: 0,
      warning: null,
      reason: null,
    });
    expect(record?.value).toBe(state.value);
    expect(record?.detail.labelIds).toEqual(["la", "ln"]);
    // The interval's ends by label: the normal stretch's peak below, the anomaly's post-onset peak above.
    expect(record?.detail.bounds).toEqual({
      lower: { labelId: "ln", queryId: "qn", sequenceId: "n", start: 0, end: 2, side: "normal peak" },
      upper: { labelId: "la", queryId: "qa", sequenceId: "a", start: 0, end: 4, side: "post-onset peak" },
    });
  });

  it("stores the unsupervised fallback as withdrawn, with the reason, and nothing without any value", () => {
    const normalOnly = [queries[1]!];
    const { candidates } = toLabelledCandidates(normalOnly, scores);
    const record = thresholdRecord(thresholdFromLabels(candidates, 7, 1), countingLabels(normalOnly));
    expect(record).toMatchObject({
      kind: "withdrawn",
      value: 7,
      f1: null,
      labelCount: 1,
      anomalousCount: 0,
      placement: null,
      lower: null,
      upper: null,
    });
    expect(record?.reason).toMatch(/No anomalous label/);
    expect(record?.detail).toEqual({ labelIds: ["ln"], bounds: null });
    expect(thresholdRecord(thresholdFromLabels([], null, 1), [])).toBeNull();
  });
});

describe("stateOfView", () => {
  it("turns a stored refined row back into the panel's state", () => {
    expect(stateOfView(view({}), 7)).toMatchObject({
      source: "refined",
      value: 4,
      f1: 1,
      labelCount: 2,
      anomalousCount: 1,
      placement: "margin",
      interval: { lower: 3, upper: 5 },
    });
  });
  it("shows a withdrawn row as the unsupervised value with its reason, and nothing for other kinds", () => {
    expect(stateOfView(view({ kind: "withdrawn", value: 6, f1: null, reason: "No anomalous label yet." }), 7)).toMatchObject({
      source: "unsupervised",
      value: 7,
      f1: null,
      reason: "No anomalous label yet.",
      placement: null,
      interval: null,
    });
    expect(stateOfView(view({ kind: "manual" }), 7)).toBeNull();
  });
});

describe("shownThreshold", () => {
  const local = thresholdFromLabels([], 7, 1);
  it("shows the browser's own value while labels are on their way, the server's once it has answered", () => {
    expect(shownThreshold(local, view({}), 7, true)).toEqual({ state: local, origin: "browser" });
    expect(shownThreshold(local, view({}), 7, false)).toMatchObject({ state: { source: "refined", value: 4 }, origin: "server" });
    expect(shownThreshold(local, null, 7, false)).toEqual({ state: local, origin: "browser" });
  });
});

describe("newerThreshold", () => {
  it("keeps the row stored at the higher version", () => {
    const a = view({ id: "a", version: 3 });
    const b = view({ id: "b", version: 5 });
    expect(newerThreshold(a, b)).toBe(b);
    expect(newerThreshold(b, a)).toBe(b);
    expect(newerThreshold(null, a)).toBe(a);
    expect(newerThreshold(undefined, undefined)).toBeNull();
  });
});

describe("thresholdInEffect", () => {
  const unsupervised = view({ kind: "unsupervised", value: 7 });
  it("is the manual one while set, else the refined one, else the unsupervised one", () => {
    expect(thresholdInEffect({ unsupervised, fromLabels: view({}), manual: view({ kind: "manual", value: 2 }) }, 7)).toEqual({
      kind: "manual",
      value: 2,
    });
    expect(thresholdInEffect({ unsupervised, fromLabels: view({}), manual: null }, 7)).toEqual({ kind: "refined", value: 4 });
    expect(thresholdInEffect({ unsupervised, fromLabels: view({ kind: "withdrawn", value: 7 }), manual: null }, 7)).toEqual({
      kind: "unsupervised",
      value: 7,
    });
    expect(thresholdInEffect({ unsupervised: null, fromLabels: null, manual: null }, 6)).toEqual({ kind: "unsupervised", value: 6 });
  });
});

describe("boundsOnPage", () => {
  const label = (id: string) => ({
    id,
    clientId: id,
    userId: "u",
    userName: "Erik",
    anomalous: true,
    onset: 3,
    note: "",
    createdAt: "2026-12-03T00:00:00Z",
  });
  const query = (queryId: string) => ({
    queryId,
    sequenceId: "s",
    start: 0,
    end: 10,
    resolvedLabelId: null,
    labels: [label(`l-${queryId}`)],
  });
  const sources = [
    { query: query("q1"), label: label("l-q1") },
    { query: query("q2"), label: label("l-q2") },
  ];
  const bound = (queryId: string, side: "normal peak" | "post-onset peak") => ({
    labelId: `l-${queryId}`,
    queryId,
    sequenceId: "s",
    start: 0,
    end: 10,
    side,
  });

  it("maps the stored row's bounding queries onto the page's candidates", () => {
    const view = { bounds: { lower: bound("q2", "normal peak"), upper: bound("q1", "post-onset peak") } } as unknown as Parameters<
      typeof boundsOnPage
    >[0];
    expect(boundsOnPage(view, sources)).toEqual({ lower: { index: 1, side: "normal peak" }, upper: { index: 0, side: "post-onset peak" } });
  });

  it("is null without stored bounds or when no bounding query is on the page", () => {
    expect(boundsOnPage(null, sources)).toBeNull();
    const elsewhere = { bounds: { lower: null, upper: bound("q9", "post-onset peak") } } as unknown as Parameters<typeof boundsOnPage>[0];
    expect(boundsOnPage(elsewhere, sources)).toBeNull();
  });
});

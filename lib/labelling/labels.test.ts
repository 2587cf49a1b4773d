import { describe, expect, it } from "vitest";
import {
  defaultOnset,
  disagreement,
  disagreements,
  effectiveLabel,
  thresholdFromLabels,
  toLabelledCandidates,
  withLocalChanges,
  type LabelledQuery,
  type LabelView,
} from "./labels";

const label = (over: Partial<LabelView>): LabelView => ({
  id: over.clientId ?? "l",
  clientId: "c",
  userId: "u1",
  userName: "Erik",
  anomalous: false,
  onset: null,
  note: "",
  createdAt: "2024-01-01T00:00:00.000Z",
  ...over,
});
const query = (over: Partial<LabelledQuery>): LabelledQuery => ({
  queryId: "q",
  sequenceId: "s",
  start: 0,
  end: 4,
  resolvedLabelId: null,
  labels: [],
  ...over,
});
const f32 = (...xs: number[]) => Float32Array.from(xs);

describe("effectiveLabel", () => {
  it("takes the latest label of a query, whoever gave it", () => {
    const q = query({
      labels: [
        label({ clientId: "a", createdAt: "2024-01-01T10:00:00Z" }),
        label({ clientId: "b", userId: "u2", createdAt: "2024-01-01T11:00:00Z" }),
      ],
    });
    expect(effectiveLabel(q)?.clientId).toBe("b");
  });
  it("prefers the label an admin resolved the query to", () => {
    const q = query({
      resolvedLabelId: "a",
      labels: [label({ clientId: "a", id: "a" }), label({ clientId: "b", id: "b", createdAt: "2025-01-01T00:00:00Z" })],
    });
    expect(effectiveLabel(q)?.clientId).toBe("a");
  });
});

describe("toLabelledCandidates", () => {
  const scores = new Map([
    ["s", f32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)],
    ["t", f32(9, 9)],
  ]);
  it("slices the run's score to [start, end) and makes the onset relative to the candidate start", () => {
    const q = query({ start: 3, end: 7, labels: [label({ anomalous: true, onset: 5 })] });
    const { candidates } = toLabelledCandidates([q], scores);
    expect(candidates).toHaveLength(1);
    expect(Array.from(candidates[0]?.scores ?? [])).toEqual([3, 4, 5, 6]);
    expect(candidates[0]).toMatchObject({ anomalous: true, onset: 2 });
  });
  it("uses only the latest label per query, and reports sequences whose scores are not loaded", () => {
    const q = query({
      labels: [
        label({ anomalous: true, onset: 1, createdAt: "2024-01-01T00:00:00Z" }),
        label({ clientId: "n", createdAt: "2024-02-01T00:00:00Z" }),
      ],
    });
    const { candidates, sources, missing } = toLabelledCandidates(
      [q, query({ queryId: "q2", sequenceId: "x", labels: [label({})] })],
      scores,
    );
    expect(candidates).toEqual([{ scores: f32(0, 1, 2, 3), anomalous: false }]);
    expect(missing).toEqual(["x"]);
    // sources[i] is where candidates[i] came from: its query and the label that counts.
    expect(sources.map((s) => [s.query.queryId, s.label.clientId])).toEqual([["q", "n"]]);
  });
});

describe("withLocalChanges", () => {
  it("adds this browser's labels (also to unlabelled queries) and drops undone ones; skipped queries stay out", () => {
    const server = [query({ labels: [label({ clientId: "old" })] })];
    const merged = withLocalChanges(server, {
      added: [{ ...label({ clientId: "new", anomalous: true, onset: 2 }), queryId: "q2", sequenceId: "t", start: 0, end: 2 }],
      removed: new Set(["old"]),
    });
    expect(merged.map((q) => q.queryId)).toEqual(["q2"]);
    expect(merged[0]?.labels.map((l) => l.clientId)).toEqual(["new"]);
  });
});

describe("disagreement", () => {
  it("names another expert whose latest label says otherwise", () => {
    const q = query({
      labels: [label({ clientId: "a", anomalous: true, onset: 1 }), label({ clientId: "b", userId: "u2", userName: "Eva" })],
    });
    expect(disagreement(q, "u1", true)?.userName).toBe("Eva");
    expect(disagreement(q, "u1", false)).toBeNull();
  });
});

describe("thresholdFromLabels", () => {
  it("keeps the unsupervised threshold, and says why, while no label is anomalous", () => {
    const t = thresholdFromLabels([{ scores: f32(1, 2), anomalous: false }], 7, 2);
    expect(t).toMatchObject({ source: "unsupervised", value: 7, labelCount: 1 });
    expect(t.reason).toMatch(/No anomalous label/);
  });
  it("refines with the exact F1 optimum once an anomaly is labelled (worked on paper)", () => {
    // Anomalous from step 2: alarm at 5 is in time for t in (1, 5]; the normal one alarms for t ≤ 3.
    const t = thresholdFromLabels(
      [
        { scores: f32(1, 1, 5, 2), anomalous: true, onset: 2 },
        { scores: f32(3, 0), anomalous: false },
      ],
      7,
      1,
    );
    // Optimal interval (3, 5]; the lowest labelled score is 0, so "margin" places √(3·5) from it.
    expect(t).toMatchObject({ source: "refined", f1: 1, precision: 1, recall: 1, labelCount: 2, anomalousCount: 1, placement: "margin" });
    expect(t.value).toBeCloseTo(Math.sqrt(15), 12);
    expect(t.interval).toEqual({ lower: 3, upper: 5 });
    expect(t.bounds).toEqual({ lower: { index: 1, side: "normal peak" }, upper: { index: 0, side: "post-onset peak" } });
    expect(t.normalAlarmShare).toBe(0);
    expect(t.warning).toBeNull();
  });
  it("places the refined value by the policy asked for, always inside the same interval", () => {
    const labelled = [
      { scores: f32(1, 1, 5, 2), anomalous: true, onset: 2 },
      { scores: f32(3, 0), anomalous: false },
    ];
    expect(thresholdFromLabels(labelled, 7, 1, "upper").value).toBe(5);
    expect(thresholdFromLabels(labelled, 7, 1, "middle").value).toBe(4);
    // The reference's grid over the pooled scores [0, 1, 1, 2, 3, 5]: first value above 3 at percentile 80.01.
    expect(thresholdFromLabels(labelled, 7, 1, "reference").value).toBeCloseTo(3.001, 9);
  });
  it("flags a refined threshold that alarms on more than a fifth of the labelled normals", () => {
    // The anomaly peaks at 3 after its onset, two normals peak at 4, one at 1: catching the anomaly
    // means alarming on both normals at 4 (F1 2/4), the best there is; it lies in (1, 3].
    const normal4 = { scores: f32(4, 0), anomalous: false };
    const low = thresholdFromLabels(
      [{ scores: f32(0, 3), anomalous: true, onset: 1 }, normal4, normal4, { scores: f32(1), anomalous: false }],
      null,
      1,
      "margin",
      { objective: "labels" },
    );
    expect(low).toMatchObject({ source: "refined", f1: 0.5, interval: { lower: 1, upper: 3 } });
    expect(low.normalAlarmShare).toBeCloseTo(2 / 3, 12);
    expect(low.warning).toMatch(/alarms on 2 of 3 stretches labelled normal/);
    const clean = thresholdFromLabels(
      [{ scores: f32(0, 9), anomalous: true, onset: 1 }, normal4, { scores: f32(1), anomalous: false }],
      null,
      1,
    );
    expect(clean).toMatchObject({ normalAlarmShare: 0, warning: null });
  });
  it('with the "pool" objective keeps the unsupervised threshold rather than alarm on most of the pool for one weak anomaly', () => {
    // Two normals peak at 90 and 80, the one anomaly at 10; 30 unlabelled pool candidates peak between.
    const labelled = [
      { scores: f32(0, 90), anomalous: false },
      { scores: f32(80), anomalous: false },
      { scores: f32(0, 10), anomalous: true, onset: 1 },
    ];
    expect(thresholdFromLabels(labelled, 95, 1, "margin", { objective: "labels" })).toMatchObject({ source: "refined", f1: 0.5 });
    const unlabelledPeaks = Array.from({ length: 30 }, (_, i) => 11 + 2 * i);
    const t = thresholdFromLabels(labelled, 95, 1, "margin", { objective: "pool", unlabelledPeaks });
    expect(t).toMatchObject({ source: "unsupervised", value: 95 });
    expect(t.reason).toMatch(/half of the query pool/);
    // Without unlabelled candidates the labelled set is the pool: lowering alarms on 3 of 3.
    expect(thresholdFromLabels(labelled, 95, 1, "margin", { objective: "pool" })).toMatchObject({ source: "unsupervised" });
  });
});

describe("defaultOnset", () => {
  it("is the first step of the candidate at or above the threshold, else its highest score", () => {
    const s = f32(9, 1, 4, 6, 2, 6);
    expect(defaultOnset(s, 1, 6, 5)).toBe(3);
    expect(defaultOnset(s, 1, 3, 5)).toBe(2);
    expect(defaultOnset(s, 1, 6, null)).toBe(3);
  });
});

describe("disagreements", () => {
  const a1 = label({
    id: "1",
    clientId: "1",
    userId: "u1",
    userName: "Erik",
    anomalous: true,
    onset: 3,
    createdAt: "2026-01-01T00:00:00Z",
  });
  const n2 = label({
    id: "2",
    clientId: "2",
    userId: "u2",
    userName: "Eva",
    anomalous: false,
    onset: null,
    createdAt: "2026-01-02T00:00:00Z",
  });
  const a2 = label({ id: "3", clientId: "3", userId: "u2", userName: "Eva", anomalous: true, onset: 3, createdAt: "2026-01-03T00:00:00Z" });

  it("lists a query whose experts' latest labels differ, with the label that counts", () => {
    const [d, ...rest] = disagreements([query({ queryId: "q1", labels: [a1, n2] }), query({ queryId: "q2", labels: [a1] })]);
    expect(rest).toEqual([]);
    expect(d?.query.queryId).toBe("q1");
    expect(d?.labels.map((l) => l.id)).toEqual(["1", "2"]);
    expect(d?.counts.id).toBe("2");
    expect(d?.resolved).toBe(false);
  });

  it("drops a query once an expert's newer label agrees, and marks a resolution", () => {
    expect(disagreements([query({ labels: [a1, n2, a2] })])).toEqual([]);
    const [d] = disagreements([query({ labels: [a1, n2], resolvedLabelId: "1" })]);
    expect(d?.counts.id).toBe("1");
    expect(d?.resolved).toBe(true);
  });

  it("counts a different onset as a disagreement", () => {
    const later = label({
      id: "4",
      clientId: "4",
      userId: "u2",
      userName: "Eva",
      anomalous: true,
      onset: 9,
      createdAt: "2026-01-04T00:00:00Z",
    });
    expect(disagreements([query({ labels: [a1, later] })])).toHaveLength(1);
  });
});

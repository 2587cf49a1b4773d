import { describe, expect, it } from "vitest";
import { thresholdFromLabels, toLabelledCandidates, type LabelledQuery, type LabelView } from "../labelling/labels";
import { describeBound, describeInterval, nameSources, PLACEMENT_TEXT } from "./interval";

const label = (over: Partial<LabelView>): LabelView => ({
  id: "l",
  clientId: "c",
  userId: "u1",
  userName: "Erik Expert",
  anomalous: false,
  onset: null,
  note: "",
  createdAt: "2024-01-01T00:00:00.000Z",
  ...over,
});
const f32 = (...xs: number[]) => Float32Array.from(xs);

describe("the threshold's interval in words", () => {
  // The worked example of labels.test: anomalous from step 2 (peak 5 after it), a normal peaking at 3.
  const queries: LabelledQuery[] = [
    { queryId: "q0", sequenceId: "seq-a", start: 10, end: 14, resolvedLabelId: null, labels: [label({ anomalous: true, onset: 12 })] },
    {
      queryId: "q1",
      sequenceId: "seq-unnamed-123456",
      start: 0,
      end: 2,
      resolvedLabelId: null,
      labels: [label({ userName: "Eva Expert" })],
    },
  ];
  const scores = new Map([
    ["seq-a", f32(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 5, 2)],
    ["seq-unnamed-123456", f32(3, 0)],
  ]);

  it("names the labelled stretches that bound the interval, and the placement", () => {
    const { candidates, sources } = toLabelledCandidates(queries, scores);
    expect(sources.map((s) => s.query.queryId)).toEqual(["q0", "q1"]);
    const t = thresholdFromLabels(candidates, 7, 1);
    const named = nameSources(sources, new Map([["seq-a", "drive 7"]]));
    expect(describeInterval(t, named)).toEqual({
      placement: PLACEMENT_TEXT.margin,
      interval: "optimal interval (3.000, 5.000]",
      upper: "upper end: the post-onset peak of drive 7 10–14 (labelled anomalous by Erik Expert)",
      lower: "lower end: the peak of sequence seq-unna 0–2 (labelled normal by Eva Expert)",
    });
    expect(PLACEMENT_TEXT.margin).toMatch(/^margin: in log space, nearer the edge that more labels pin down/);
  });
  it("says when the interval is unbounded below", () => {
    // One labelled anomaly and nothing else: only "labels" lowers the threshold under everything.
    const t = thresholdFromLabels([{ scores: f32(4, 6), anomalous: true, onset: 0 }], null, 1, "margin", { objective: "labels" });
    const d = describeInterval(t, []);
    expect(t.interval?.lower).toBeNull();
    expect(d?.interval).toContain("unbounded below");
    expect(d?.lower).toMatch(/^lower end: none — unbounded below/);
    expect(d?.upper).toBe("upper end: the post-onset peak of labelled stretch #1");
  });
  it("has nothing to say without an interval", () => {
    expect(describeInterval(thresholdFromLabels([], 7, 1), [])).toBeNull();
  });
  it("words each kind of peak", () => {
    const source = { sequenceName: "d", start: 0, end: 9, anomalous: true, labelledBy: "Erik" };
    expect(describeBound({ index: 0, side: "pre-onset peak" }, source)).toBe("the pre-onset peak of d 0–9 (labelled anomalous by Erik)");
    expect(describeBound({ index: 0, side: "normal peak" }, { ...source, anomalous: false })).toBe(
      "the peak of d 0–9 (labelled normal by Erik)",
    );
  });
});

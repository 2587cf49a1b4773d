import { describe, expect, it } from "vitest";
import {
  clearRegion,
  describeLabel,
  describeStretch,
  initialSession,
  label,
  move,
  nextIndex,
  nudgeOnset,
  nudgeRegionEnd,
  sessionFromOps,
  setOnset,
  setRegion,
  standingLabels,
  undo,
  type LabelInput,
  type StoredOp,
  type Stretch,
} from "./session";

const stretch: Stretch = { queryId: "q1", runId: "r1", sequenceId: "s1", start: 100, end: 200 };
const queryIds = ["q0", "q1", "q2", "q3"];
const at = (queryId: string) => queryIds.indexOf(queryId);

function input(over: Partial<LabelInput> = {}): LabelInput {
  return {
    stretch,
    sequenceName: "drive-042",
    user: { id: "u1", name: "Erik Expert" },
    anomalous: true,
    onset: 140,
    regionEnd: 170,
    note: "",
    clientId: "c1",
    createdAt: "2026-12-04T10:00:00.000Z",
    before: 374,
    labelled: [true, true, false, false],
    ...over,
  };
}

describe("labelling session", () => {
  it("starts on the asked stretch, within the queue", () => {
    expect(initialSession(4, 1).index).toBe(1);
    expect(initialSession(4, 9).index).toBe(3);
    expect(initialSession(0, 0).index).toBe(0);
  });

  it("moves through the queue without leaving it", () => {
    const s = initialSession(4, 0);
    expect(move(s, -1)).toBe(s);
    expect(move(move(s, 1), 1).index).toBe(2);
    expect(move(initialSession(4, 3), 1).index).toBe(3);
  });

  it("sets the onset inside the stretch, and clears a region end it passed", () => {
    const s = initialSession(4, 1);
    expect(setOnset(s, stretch, 50, null).drafts.q1).toEqual({ onset: 100, regionEnd: null });
    expect(setOnset(s, stretch, 250, null).drafts.q1).toEqual({ onset: 199, regionEnd: null });
    expect(setOnset(s, stretch, 150.4, 170).drafts.q1).toEqual({ onset: 150, regionEnd: 170 });
    expect(setOnset(s, stretch, 180, 170).drafts.q1).toEqual({ onset: 180, regionEnd: null });
  });

  it("takes a dragged region in either direction: onset at its first step, end one past its last", () => {
    const s = initialSession(4, 1);
    expect(setRegion(s, stretch, 150, 160).drafts.q1).toEqual({ onset: 150, regionEnd: 161 });
    expect(setRegion(s, stretch, 160, 150).drafts.q1).toEqual({ onset: 150, regionEnd: 161 });
    // Dragged beyond the stretch: clamped to it.
    expect(setRegion(s, stretch, 90, 500).drafts.q1).toEqual({ onset: 100, regionEnd: 200 });
    expect(clearRegion(setRegion(s, stretch, 150, 160), stretch).drafts.q1).toEqual({ onset: 150, regionEnd: null });
  });

  it("nudges the onset within the stretch and before the region end, and the region end after the onset", () => {
    const s = initialSession(4, 1);
    expect(nudgeOnset(s, stretch, 150, null, -1).drafts.q1).toEqual({ onset: 149, regionEnd: null });
    expect(nudgeOnset(s, stretch, 100, null, -1).drafts.q1?.onset).toBe(100);
    expect(nudgeOnset(s, stretch, 160, 161, 1).drafts.q1?.onset).toBe(160);
    expect(nudgeRegionEnd(s, stretch, 150, 170, 1).drafts.q1).toEqual({ onset: 150, regionEnd: 171 });
    expect(nudgeRegionEnd(s, stretch, 150, 151, -1).drafts.q1?.regionEnd).toBe(151);
    // No region yet: it starts at the stretch's end.
    expect(nudgeRegionEnd(s, stretch, 150, null, -1).drafts.q1?.regionEnd).toBe(199);
    expect(nudgeRegionEnd(s, stretch, 150, null, 1).drafts.q1?.regionEnd).toBe(200);
  });

  it("moves on to the next unlabelled stretch after a label, else to the next one", () => {
    expect(nextIndex([true, true, false, false], 1)).toBe(2);
    expect(nextIndex([true, true, true, false], 1)).toBe(3);
    expect(nextIndex([true, true, true, true], 1)).toBe(2);
    expect(nextIndex([true, true, true, true], 3)).toBe(3);
  });

  it("labels: the label joins the session with its region, the toast says it, the page moves on", () => {
    const { state, label: made } = label(initialSession(4, 1), input());
    expect(made).toMatchObject({ clientId: "c1", queryId: "q1", anomalous: true, onset: 140, regionEnd: 170, userName: "Erik Expert" });
    expect(state.undo).toEqual(["c1"]);
    expect(state.index).toBe(2);
    expect(state.toast).toMatchObject({ sequenceName: "drive-042", onset: 140, regionEnd: 170, before: 374, runId: "r1" });
    expect(describeLabel(made)).toBe("anomalous from step 140 to 170");
  });

  it("a normal label carries neither onset nor region end", () => {
    const { label: made } = label(initialSession(4, 1), input({ anomalous: false }));
    expect([made.onset, made.regionEnd, describeLabel(made)]).toEqual([null, null, "normal"]);
    expect(describeLabel({ anomalous: true, onset: 3, regionEnd: null })).toBe("anomalous from step 3");
    // In the sequence's time when the rate is known (10 Hz: tenths of a second resolve a step).
    expect(describeLabel({ anomalous: true, onset: 4615, regionEnd: null }, 10)).toBe("anomalous from 0:07:41.5 (step 4,615)");
    expect(describeLabel({ anomalous: true, onset: 1200, regionEnd: 3400 }, 1)).toBe(
      "anomalous from 0:20:00 to 0:56:40 (steps 1,200–3,400)",
    );
    expect(describeLabel({ anomalous: true, onset: null, regionEnd: null }, 1)).toBe("anomalous");
    expect(describeLabel({ anomalous: false, onset: null, regionEnd: null }, 1)).toBe("normal");
    expect(describeStretch(600, 1200, 10)).toBe("0:01:00–0:02:00");
    expect(describeStretch(600, 1200, 0)).toBe("600–1,200");
  });

  it("undoes the last label: back on its stretch, toast gone, out of the standing labels; nothing left, nothing done", () => {
    let s = label(initialSession(4, 1), input()).state;
    s = label(s, input({ clientId: "c2", stretch: { ...stretch, queryId: "q2" }, labelled: [true, true, true, false] })).state;
    expect(s.index).toBe(3);
    expect(standingLabels(s).map((l) => l.clientId)).toEqual(["c2", "c1"]);
    const first = undo(s, at);
    expect(first?.clientId).toBe("c2");
    expect(first?.state.index).toBe(2);
    expect(first?.state.toast).toBeNull();
    expect(standingLabels(first!.state).map((l) => l.clientId)).toEqual(["c1"]);
    const second = undo(first!.state, at);
    expect(second?.clientId).toBe("c1");
    expect(second?.state.index).toBe(1);
    expect(undo(second!.state, at)).toBeNull();
  });

  it("starts from the ops still waiting in the outbox: their labels stand, their undos apply, Undo starts empty", () => {
    const meta = {
      runId: "r1",
      sequenceId: "s1",
      start: 100,
      end: 200,
      userId: "u1",
      userName: "Erik Expert",
      createdAt: "2026-12-04T10:00:00.000Z",
    };
    const ops: StoredOp[] = [
      { kind: "label", body: { clientId: "a", queryId: "q1", anomalous: true, onset: 120, regionEnd: 150, note: "" }, meta },
      { kind: "label", body: { clientId: "b", queryId: "q2", anomalous: false, note: "" }, meta },
      { kind: "undo", clientId: "b" },
    ];
    const s = sessionFromOps(initialSession(4, 0), ops);
    expect(s.undo).toEqual([]);
    expect(standingLabels(s).map((l) => [l.clientId, l.onset, l.regionEnd])).toEqual([["a", 120, 150]]);
  });
});

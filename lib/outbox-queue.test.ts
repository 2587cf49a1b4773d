import { describe, expect, it } from "vitest";
import { enqueue, settle, type QueueOp } from "./outbox-queue";

const label = (clientId: string): QueueOp => ({ kind: "label", body: { clientId } });
const undo = (clientId: string): QueueOp => ({ kind: "undo", clientId });
const threshold = (runId: string): QueueOp => ({ kind: "threshold", runId });

describe("outbox queue", () => {
  it("appends labels and undos in order", () => {
    const a = label("a");
    const u = undo("x");
    expect(enqueue(enqueue([], a, null), u, null)).toEqual([a, u]);
  });

  it("cancels an unsent label with its undo, and keeps the others", () => {
    const a = label("a");
    const b = label("b");
    expect(enqueue([a, b], undo("a"), null)).toEqual([b]);
  });

  it("sends the undo of a label that is already on its way", () => {
    const a = label("a");
    const u = undo("a");
    expect(enqueue([a], u, a)).toEqual([a, u]);
  });

  it("replaces an unsent threshold of the same run, not another run's", () => {
    const t1 = threshold("r");
    const other = threshold("s");
    const t2 = threshold("r");
    expect(enqueue([t1, other], t2, null)).toEqual([other, t2]);
  });

  it("keeps a label pushed while a threshold is in flight and replaced (the lost-label race)", () => {
    // The undo's threshold is being sent; the expert labels again; the new threshold follows.
    const sending = threshold("r");
    let ops = [sending];
    const again = label("c");
    ops = enqueue(ops, again, sending);
    const next = threshold("r");
    ops = enqueue(ops, next, sending);
    expect(ops).toEqual([sending, again, next]);
    // The server answers for the threshold that was sent: the label is still to be sent.
    expect(settle(ops, sending)).toEqual([again, next]);
  });

  it("settles by identity, also when the op was removed meanwhile", () => {
    const a = label("a");
    const b = label("b");
    expect(settle([b], a)).toEqual([b]);
    expect(settle([a, b], b)).toEqual([a]);
  });
});

import { describe, expect, it } from "vitest";
import { enqueue, isQueueOp, settle, type QueueOp } from "./outbox-queue";

const label = (clientId: string): QueueOp => ({ kind: "label", body: { clientId } });
const undo = (clientId: string): QueueOp => ({ kind: "undo", clientId });

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

  it("keeps a label pushed while another is in flight, and settles only the one answered", () => {
    const sending = label("a");
    const again = label("b");
    const ops = enqueue([sending], again, sending);
    expect(ops).toEqual([sending, again]);
    expect(settle(ops, sending)).toEqual([again]);
  });

  it("reads back only labels and undos from storage (an old threshold upload is dropped)", () => {
    const stored: unknown[] = [
      label("a"),
      undo("a"),
      { kind: "threshold", runId: "r", body: { value: 1e308 } },
      null,
      { kind: "label" },
      "x",
    ];
    expect(stored.filter(isQueueOp)).toEqual([label("a"), undo("a")]);
  });

  it("settles by identity, also when the op was removed meanwhile", () => {
    const a = label("a");
    const b = label("b");
    expect(settle([b], a)).toEqual([b]);
    expect(settle([a, b], b)).toEqual([a]);
  });
});

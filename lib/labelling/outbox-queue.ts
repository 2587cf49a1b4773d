/**
 * The labelling outbox's queue rules, pure (components/labelling/outbox.ts keeps the queue in
 * localStorage and sends it in order). The op being sent is already on its way: it cannot be
 * cancelled, and it is removed by identity once the server has answered, never by position — ops
 * pushed meanwhile may have changed what comes first. Only labels and undos are queued: the server
 * recomputes the threshold itself.
 */

/** The ops of the queue, told apart by kind; everything else about them is the caller's. */
export type QueueOp = { kind: "label"; body: { clientId: string } } | { kind: "undo"; clientId: string };

/** Whether a value read back from storage is a label or an undo (anything else, e.g. an old threshold upload, is not). */
export function isQueueOp(value: unknown): value is QueueOp {
  if (typeof value !== "object" || value === null) return false;
  const op = value as { kind?: unknown; body?: { clientId?: unknown } | null; clientId?: unknown };
  if (op.kind === "label") return typeof op.body === "object" && op.body !== null && typeof op.body.clientId === "string";
  return op.kind === "undo" && typeof op.clientId === "string";
}

/**
 * The queue after pushing `op` while `inFlight` (or nothing) is being sent: an undo of a label that
 * was never sent cancels both; anything else is appended.
 */
export function enqueue<T extends QueueOp>(ops: readonly T[], op: T, inFlight: T | null): T[] {
  if (op.kind === "undo") {
    const label = ops.find((o) => o !== inFlight && o.kind === "label" && o.body.clientId === op.clientId);
    if (label) return ops.filter((o) => o !== label);
  }
  return [...ops, op];
}

/** The queue once the server has answered for `sent`. */
export function settle<T>(ops: readonly T[], sent: T): T[] {
  return ops.filter((o) => o !== sent);
}

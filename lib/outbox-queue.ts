/**
 * The labelling outbox's queue rules, pure (components/labelling/outbox.ts keeps the queue in
 * localStorage and sends it in order). The op being sent is already on its way: it can be neither
 * cancelled nor replaced, and it is removed by identity once the server has answered, never by
 * position — ops pushed meanwhile may have changed what comes first.
 */

/** The ops of the queue, told apart by kind; everything else about them is the caller's. */
export type QueueOp =
  | { kind: "label"; body: { clientId: string } }
  | { kind: "undo"; clientId: string }
  | { kind: "threshold"; runId: string };

/**
 * The queue after pushing `op` while `inFlight` (or nothing) is being sent: an undo of a label that
 * was never sent cancels both; a newer threshold of a run replaces an unsent one; anything else is
 * appended.
 */
export function enqueue<T extends QueueOp>(ops: readonly T[], op: T, inFlight: T | null): T[] {
  const unsent = (o: T) => o !== inFlight;
  if (op.kind === "undo") {
    const label = ops.find((o) => unsent(o) && o.kind === "label" && o.body.clientId === op.clientId);
    if (label) return ops.filter((o) => o !== label);
  } else if (op.kind === "threshold") {
    return [...ops.filter((o) => !(unsent(o) && o.kind === "threshold" && o.runId === op.runId)), op];
  }
  return [...ops, op];
}

/** The queue once the server has answered for `sent`. */
export function settle<T>(ops: readonly T[], sent: T): T[] {
  return ops.filter((o) => o !== sent);
}

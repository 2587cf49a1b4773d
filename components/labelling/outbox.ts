"use client";

import { createStore } from "zustand/vanilla";
import { requestJson } from "@/components/api-client";
import type { CreateLabelInput } from "@/lib/validations/label";
import { enqueue, isQueueOp, settle } from "@/lib/labelling/outbox-queue";
import { newerThreshold, type ThresholdView } from "@/lib/threshold/view";

/** What the label op carries besides its body, so that an unsent label still counts after a reload. */
export type LabelMeta = {
  runId: string;
  sequenceId: string;
  start: number;
  end: number;
  userId: string;
  userName: string;
  createdAt: string;
};

export type OutboxOp = { kind: "label"; body: CreateLabelInput; meta: LabelMeta } | { kind: "undo"; clientId: string };

export type OutboxState = {
  ops: OutboxOp[];
  sending: boolean;
  retryAt: number | null;
  failures: string[];
  /** Per run, the threshold the server stored after the latest label or undo it answered for. */
  thresholds: Readonly<Record<string, ThresholdView>>;
};

const MAX_DELAY_MS = 30_000;

/** Nothing queued: the state before localStorage is read, and on the server. */
export const EMPTY_OUTBOX: OutboxState = { ops: [], sending: false, retryAt: null, failures: [], thresholds: {} };

/**
 * Labels and undos on their way to the server, kept in localStorage until the server has them: sent
 * in order, retried with backoff while the network or server fails, never dropped silently (a
 * refused one is listed in `failures`). The server answers each with the run's threshold it
 * recomputed and stored, kept in `thresholds` for the page to show.
 */
export class Outbox {
  /**
   * The queue's state, read through selectors (useOutbox in labelling-store-provider.tsx). Its initial
   * state is empty, as the server renders it; the ops saved in localStorage are loaded right after.
   */
  readonly store = createStore<OutboxState>()(() => EMPTY_OUTBOX);
  private delay = 1000;
  /** The op being sent now: neither cancelled nor replaced by a push, removed once answered. */
  private inFlight: OutboxOp | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly key: string) {
    if (typeof window === "undefined") return;
    try {
      const saved: unknown = JSON.parse(window.localStorage.getItem(key) ?? "[]");
      // Ops of another kind (this app once queued threshold uploads here) are dropped.
      if (Array.isArray(saved)) this.store.setState({ ops: (saved as unknown[]).filter(isQueueOp) as OutboxOp[] });
    } catch {
      // A corrupt entry is replaced by the next save; nothing else was stored there.
    }
    window.addEventListener("online", () => this.flush());
    // Ops saved by an earlier page (closed or left before the server answered) go out now, not with the next label.
    if (this.state.ops.length > 0) setTimeout(this.flush, 0);
  }

  private get state(): OutboxState {
    return this.store.getState();
  }

  private set(patch: Partial<OutboxState>) {
    this.store.setState(patch);
    if (patch.ops) window.localStorage.setItem(this.key, JSON.stringify(this.state.ops));
  }

  /** Queues an op; an undo of an unsent label cancels both. */
  push(op: OutboxOp) {
    this.set({ ops: enqueue(this.state.ops, op, this.inFlight) });
    this.flush();
  }

  flush = () => {
    if (this.state.sending || this.state.ops.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set({ sending: true, retryAt: null });
    void this.drain();
  };

  private async drain() {
    for (let op = this.state.ops[0]; op; op = this.state.ops[0]) {
      this.inFlight = op;
      const result = await send(op).finally(() => (this.inFlight = null));
      if (result === "retry") {
        this.set({ sending: false, retryAt: Date.now() + this.delay });
        this.timer = setTimeout(this.flush, this.delay);
        this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
        return;
      }
      this.delay = 1000;
      const failures = typeof result === "string" ? [...this.state.failures, result] : this.state.failures;
      const threshold = typeof result === "string" ? null : result.threshold;
      const thresholds = threshold
        ? { ...this.state.thresholds, [threshold.runId]: newerThreshold(this.state.thresholds[threshold.runId], threshold) ?? threshold }
        : this.state.thresholds;
      // One update: the page never sees the op settled without the threshold it led to.
      this.set({ ops: settle(this.state.ops, op), failures, thresholds });
    }
    this.set({ sending: false });
  }
}

type Sent = { done: true; threshold: ThresholdView | null };

/** Done (with the threshold the server stored, when it says), "retry" (network or server trouble), or the message of a refusal. */
async function send(op: OutboxOp): Promise<Sent | "retry" | string> {
  const r =
    op.kind === "label"
      ? await requestJson<{ threshold?: ThresholdView | null }>("POST", "/api/labels", op.body)
      : await requestJson<{ threshold?: ThresholdView | null }>("DELETE", `/api/labels/${op.clientId}`);
  if (r.ok) return { done: true, threshold: r.data?.threshold ?? null };
  if (op.kind === "undo" && r.status === 404) return { done: true, threshold: null };
  if (r.status === 0 || r.status >= 500 || r.status === 401) return "retry";
  return `${op.kind === "label" ? "A label" : "An undo"} was refused: ${r.message}`;
}

const outboxes = new Map<string, Outbox>();

/** One outbox per user and browser tab's lifetime (on the server, a throwaway empty one). */
export function outboxFor(userId: string): Outbox {
  if (typeof window === "undefined") return new Outbox(`dqs.outbox.${userId}`);
  let box = outboxes.get(userId);
  if (!box) outboxes.set(userId, (box = new Outbox(`dqs.outbox.${userId}`)));
  return box;
}

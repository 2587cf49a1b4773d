"use client";

import { useState, useSyncExternalStore } from "react";
import type { LabelView, LocalChanges } from "@/lib/labelling/labels";
import { outboxFor, type Outbox, type OutboxState } from "./outbox";

export type SessionLabel = LocalChanges["added"][number] & { runId: string };
export type Stretch = { queryId: string; runId: string; sequenceId: string; start: number; end: number };
type Session = { added: SessionLabel[]; removed: Set<string>; undo: string[] };

function fromOutbox(box: Outbox): Session {
  const added: SessionLabel[] = [];
  const removed = new Set<string>();
  for (const op of box.snapshot().ops) {
    if (op.kind === "label") {
      const { body, meta } = op;
      added.push({
        id: `local-${body.clientId}`,
        clientId: body.clientId,
        queryId: body.queryId,
        anomalous: body.anomalous,
        onset: body.onset ?? null,
        note: body.note,
        userId: meta.userId,
        userName: meta.userName,
        createdAt: meta.createdAt,
        runId: meta.runId,
        sequenceId: meta.sequenceId,
        start: meta.start,
        end: meta.end,
      });
    } else if (op.kind === "undo") removed.add(op.clientId);
  }
  return { added, removed, undo: [] };
}

const SERVER_SNAPSHOT: OutboxState = { ops: [], sending: false, retryAt: null, failures: [], thresholds: {} };

/**
 * The labels this browser made and undid (unsent ones from localStorage included): the UI shows
 * them at once, and the outbox gets them to the server.
 */
export function useSessionLabels(user: { id: string; name: string }) {
  const [box] = useState(() => outboxFor(user.id));
  const outbox = useSyncExternalStore(box.subscribe, box.snapshot, () => SERVER_SNAPSHOT);
  const [session, setSession] = useState<Session>(() => fromOutbox(box));

  function label(stretch: Stretch, anomalous: boolean, onset: number | null, note: string): LabelView {
    const clientId = crypto.randomUUID();
    const createdAt = new Date().toISOString();
    const entry: SessionLabel = {
      id: `local-${clientId}`,
      clientId,
      userId: user.id,
      userName: user.name,
      anomalous,
      onset: anomalous ? onset : null,
      note,
      createdAt,
      ...stretch,
    };
    setSession((s) => ({ ...s, added: [...s.added, entry], undo: [...s.undo, clientId] }));
    box.push({
      kind: "label",
      body: { clientId, queryId: stretch.queryId, anomalous, onset: entry.onset, note },
      meta: {
        runId: stretch.runId,
        sequenceId: stretch.sequenceId,
        start: stretch.start,
        end: stretch.end,
        userId: user.id,
        userName: user.name,
        createdAt,
      },
    });
    return entry;
  }

  /** Undoes the last label made here; returns its query. */
  function undo(): string | null {
    const clientId = session.undo.at(-1);
    if (!clientId) return null;
    setSession((s) => ({ ...s, removed: new Set([...s.removed, clientId]), undo: s.undo.slice(0, -1) }));
    box.push({ kind: "undo", clientId });
    return session.added.find((l) => l.clientId === clientId)?.queryId ?? null;
  }

  return { session, outbox, box, label, undo };
}

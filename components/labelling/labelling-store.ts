/**
 * The labelling page's state in a zustand store made by a factory (one per page, handed down by
 * labelling-store-provider.tsx): the pure transitions of lib/labelling/session.ts behind named
 * actions, the label and undo actions also pushing their op to the outbox that gets them to the
 * server. The outbox's own state (what is waiting, the thresholds the server answered with) is its
 * store (outbox.ts); this one holds the session.
 */
import { createStore } from "zustand/vanilla";
import * as session from "@/lib/labelling/session";
import type { SessionState, StepRange, Stretch, StoredOp } from "@/lib/labelling/session";
import type { Outbox } from "./outbox";

/** What a label needs from the page besides the store: the stretch, the onset and region shown, the threshold, the queue's state. */
export type LabelArgs = Omit<session.LabelInput, "clientId" | "createdAt" | "user">;

export type LabellingActions = {
  /** Takes in the labels and undos still waiting in the outbox (after a reload). */
  hydrate(ops: readonly StoredOp[]): void;
  label(args: LabelArgs): void;
  undo(): void;
  skip(): void;
  move(delta: -1 | 1): void;
  setOnset(stretch: Stretch, step: number, regionEnd: number | null): void;
  setRegion(stretch: Stretch, a: number, b: number): void;
  nudgeOnset(stretch: Stretch, onset: number, regionEnd: number | null, delta: number): void;
  nudgeRegionEnd(stretch: Stretch, onset: number, regionEnd: number | null, delta: number): void;
  clearRegion(stretch: Stretch): void;
  setNote(queryId: string, note: string): void;
  retry(): void;
  toggleHelp(): void;
  closeHelp(): void;
  dismissToast(id: number): void;
  toggleLogScale(): void;
  setZoom(queryId: string, view: StepRange | null): void;
};

/** The session, and the actions under one stable key (reading them never renders again). */
export type LabellingState = SessionState & { actions: LabellingActions };
export type LabellingStore = ReturnType<typeof createLabellingStore>;

type Init = { user: { id: string; name: string }; queryIds: readonly string[]; initialIndex: number };

export function createLabellingStore({ user, queryIds, initialIndex }: Init, outbox: Outbox) {
  return createStore<LabellingState>()((set, get) => {
    const apply = (next: SessionState) => set(next);
    const actions: LabellingActions = {
      hydrate: (ops) => apply(session.sessionFromOps(get(), ops)),
      label: (args) => {
        const clientId = crypto.randomUUID();
        const { state, label } = session.label(get(), { ...args, user, clientId, createdAt: new Date().toISOString() });
        apply(state);
        outbox.push({
          kind: "label",
          body: {
            clientId,
            queryId: label.queryId,
            anomalous: label.anomalous,
            onset: label.onset,
            regionEnd: label.regionEnd,
            note: label.note,
          },
          meta: {
            runId: label.runId,
            sequenceId: label.sequenceId,
            start: label.start,
            end: label.end,
            userId: user.id,
            userName: user.name,
            createdAt: label.createdAt,
          },
        });
      },
      undo: () => {
        const done = session.undo(get(), (queryId) => queryIds.indexOf(queryId));
        if (!done) return;
        apply(done.state);
        outbox.push({ kind: "undo", clientId: done.clientId });
      },
      skip: () => apply(session.move(get(), 1)),
      move: (delta) => apply(session.move(get(), delta)),
      setOnset: (stretch, step, regionEnd) => apply(session.setOnset(get(), stretch, step, regionEnd)),
      setRegion: (stretch, a, b) => apply(session.setRegion(get(), stretch, a, b)),
      nudgeOnset: (stretch, onset, regionEnd, delta) => apply(session.nudgeOnset(get(), stretch, onset, regionEnd, delta)),
      nudgeRegionEnd: (stretch, onset, regionEnd, delta) => apply(session.nudgeRegionEnd(get(), stretch, onset, regionEnd, delta)),
      clearRegion: (stretch) => apply(session.clearRegion(get(), stretch)),
      setNote: (queryId, note) => apply(session.setNote(get(), queryId, note)),
      retry: () => set((s) => ({ attempt: s.attempt + 1 })),
      toggleHelp: () => set((s) => ({ help: !s.help })),
      closeHelp: () => set({ help: false }),
      dismissToast: (id) => set((s) => (s.toast?.id === id ? { toast: null } : s)),
      toggleLogScale: () => set((s) => ({ logScale: !s.logScale })),
      setZoom: (queryId, view) =>
        set((s) => {
          if (view === null) return s.zoom === null ? s : { zoom: null };
          const same = s.zoom?.queryId === queryId && s.zoom.view.from === view.from && s.zoom.view.to === view.to;
          return same ? s : { zoom: { queryId, view } };
        }),
    };
    return { ...session.initialSession(queryIds.length, initialIndex), actions };
  });
}

/**
 * The labelling page's session, as pure state transitions: which queried stretch is shown, the onset
 * and region being drawn on each, the labels made and undone in this browser, the toast after a label
 * and the page's toggles. components/labelling/labelling-store.ts wraps these in a zustand store whose
 * named actions also push each label and undo to the outbox; nothing here touches the DOM, storage or
 * the network, so the same rules run in the unit tests.
 *
 * Steps are sequence indices. A stretch is [start, end); an anomalous label's onset lies in it, and its
 * optional region end is exclusive: the region is [onset, regionEnd), with onset < regionEnd ≤ end.
 * A null region end says the anomaly runs on past what was marked (to the end of the stretch, at least).
 */
import { formatClock, stepDecimals } from "../charts/time-format";
import { formatStep } from "../format";
import type { LabelView } from "./labels";

/** One queried stretch of the expert's queue. */
export type Stretch = { queryId: string; runId: string; sequenceId: string; start: number; end: number };

/** What the expert has set on a stretch but not yet said: onset, region end (null: cleared), note. */
export type Draft = { onset?: number; regionEnd?: number | null; note?: string };

/** A label made in this browser, with the stretch it is about (sent to the server or still waiting). */
export type SessionLabel = LabelView & Stretch & { sequenceName?: string };

/** What the last label said, shown for a while with the threshold before it and an Undo. */
export type Toast = {
  id: number;
  clientId: string;
  runId: string;
  sequenceName: string;
  anomalous: boolean;
  onset: number | null;
  regionEnd: number | null;
  /** The threshold in effect before the label. */
  before: number | null;
};

export type StepRange = { from: number; to: number };

export type SessionState = {
  /** The stretch shown, as an index into the queue. */
  index: number;
  /** How many stretches the queue holds. */
  count: number;
  drafts: Readonly<Record<string, Draft>>;
  /** Labels made here, oldest first (undone ones included: `removed` says which). */
  added: readonly SessionLabel[];
  /** clientIds undone here. */
  removed: readonly string[];
  /** clientIds that Undo takes back, the last first. */
  undo: readonly string[];
  toast: Toast | null;
  help: boolean;
  /** Bumped by Retry: what failed to load is fetched again. */
  attempt: number;
  /** The score plot on a symmetric log scale. */
  logScale: boolean;
  /** The zoom window of the shown stretch's plots (null: the whole context). */
  zoom: { queryId: string; view: StepRange } | null;
};

export function initialSession(count: number, index: number): SessionState {
  return {
    index: clamp(index, 0, Math.max(0, count - 1)),
    count,
    drafts: {},
    added: [],
    removed: [],
    undo: [],
    toast: null,
    help: false,
    attempt: 0,
    logScale: false,
    zoom: null,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function withDraft(state: SessionState, queryId: string, patch: Draft): SessionState {
  return { ...state, drafts: { ...state.drafts, [queryId]: { ...state.drafts[queryId], ...patch } } };
}

/** ← →: the previous or next stretch, within the queue. */
export function move(state: SessionState, delta: number): SessionState {
  const index = clamp(state.index + delta, 0, Math.max(0, state.count - 1));
  return index === state.index ? state : { ...state, index };
}

/**
 * Sets the onset (clamped into the stretch); a region end at or before the new onset no longer bounds
 * a region and is cleared.
 */
export function setOnset(state: SessionState, stretch: Stretch, step: number, regionEnd: number | null): SessionState {
  const onset = clamp(Math.round(step), stretch.start, stretch.end - 1);
  return withDraft(state, stretch.queryId, { onset, regionEnd: regionEnd !== null && regionEnd > onset ? regionEnd : null });
}

/**
 * A region dragged between steps `a` and `b` (either order, both inside it): the onset is the first,
 * the region end one past the last; both clamped into the stretch.
 */
export function setRegion(state: SessionState, stretch: Stretch, a: number, b: number): SessionState {
  const onset = clamp(Math.round(Math.min(a, b)), stretch.start, stretch.end - 1);
  const regionEnd = clamp(Math.round(Math.max(a, b)) + 1, onset + 1, stretch.end);
  return withDraft(state, stretch.queryId, { onset, regionEnd });
}

/** Shift+← →: the onset by `delta` steps, kept inside the stretch and before the region end. */
export function nudgeOnset(state: SessionState, stretch: Stretch, onset: number, regionEnd: number | null, delta: number): SessionState {
  const next = clamp(onset + delta, stretch.start, (regionEnd ?? stretch.end) - 1);
  return withDraft(state, stretch.queryId, { onset: next, regionEnd });
}

/**
 * Alt+Shift+← →: the region end by `delta` steps, kept after the onset and inside the stretch; with
 * no region yet, it starts from the stretch's end.
 */
export function nudgeRegionEnd(
  state: SessionState,
  stretch: Stretch,
  onset: number,
  regionEnd: number | null,
  delta: number,
): SessionState {
  const next = clamp((regionEnd ?? stretch.end) + delta, onset + 1, stretch.end);
  return withDraft(state, stretch.queryId, { onset, regionEnd: next });
}

export function clearRegion(state: SessionState, stretch: Stretch): SessionState {
  return withDraft(state, stretch.queryId, { regionEnd: null });
}

export function setNote(state: SessionState, queryId: string, note: string): SessionState {
  return withDraft(state, queryId, { note });
}

/** The first stretch after `index` not yet labelled, else the next one (or the last). */
export function nextIndex(labelled: readonly boolean[], index: number): number {
  const next = labelled.findIndex((done, i) => i > index && !done);
  return next >= 0 ? next : Math.min(labelled.length - 1, index + 1);
}

export type LabelInput = {
  stretch: Stretch;
  sequenceName: string;
  user: { id: string; name: string };
  anomalous: boolean;
  onset: number;
  regionEnd: number | null;
  note: string;
  clientId: string;
  /** ISO time. */
  createdAt: string;
  /** The threshold in effect before this label (the toast says where it went). */
  before: number | null;
  /** Per stretch of the queue, whether the expert has labelled it, this label included. */
  labelled: readonly boolean[];
};

/**
 * A or N: the label joins the session (and Undo's stack), the toast says it, and the page moves on to
 * the next unlabelled stretch. A normal label carries neither onset nor region end.
 */
export function label(state: SessionState, input: LabelInput): { state: SessionState; label: SessionLabel } {
  const onset = input.anomalous ? input.onset : null;
  const regionEnd = input.anomalous && input.regionEnd !== null && input.regionEnd > input.onset ? input.regionEnd : null;
  const entry: SessionLabel = {
    id: `local-${input.clientId}`,
    clientId: input.clientId,
    userId: input.user.id,
    userName: input.user.name,
    anomalous: input.anomalous,
    onset,
    regionEnd,
    note: input.note,
    createdAt: input.createdAt,
    sequenceName: input.sequenceName,
    ...input.stretch,
  };
  const toast: Toast = {
    id: Date.parse(input.createdAt),
    clientId: input.clientId,
    runId: input.stretch.runId,
    sequenceName: input.sequenceName,
    anomalous: input.anomalous,
    onset,
    regionEnd,
    before: input.before,
  };
  return {
    state: {
      ...state,
      added: [...state.added, entry],
      undo: [...state.undo, input.clientId],
      toast,
      index: nextIndex(input.labelled, state.index),
    },
    label: entry,
  };
}

/**
 * U or Ctrl+Z: the last label made here is undone, the toast goes, and the page shows its stretch
 * again (`indexOf` finds it in the queue; −1 leaves the page where it is). Null when there is nothing
 * to undo.
 */
export function undo(state: SessionState, indexOf: (queryId: string) => number): { state: SessionState; clientId: string } | null {
  const clientId = state.undo.at(-1);
  if (!clientId) return null;
  const queryId = state.added.find((l) => l.clientId === clientId)?.queryId;
  const at = queryId === undefined ? -1 : indexOf(queryId);
  return {
    state: {
      ...state,
      removed: [...state.removed, clientId],
      undo: state.undo.slice(0, -1),
      toast: null,
      index: at >= 0 ? at : state.index,
    },
    clientId,
  };
}

/** The labels of this session that stand (not undone), the latest first: the page's side list. */
export function standingLabels(state: Pick<SessionState, "added" | "removed">): SessionLabel[] {
  const removed = new Set(state.removed);
  return state.added.filter((l) => !removed.has(l.clientId)).reverse();
}

/**
 * What a label says, in the sequence's time when its sampling rate is known — "anomalous from 0:02:00
 * (step 1,200)", "anomalous from 0:02:00 to 0:05:40 (steps 1,200–3,400)" (the region's end,
 * exclusive), "normal" — and in steps when it is not ("anomalous from step 120 to 340").
 */
export function describeLabel(l: Pick<LabelView, "anomalous" | "onset" | "regionEnd">, samplingRate?: number | null): string {
  if (!l.anomalous) return "normal";
  if (l.onset === null || l.onset === undefined) return "anomalous";
  const end = l.regionEnd ?? null;
  if (!samplingRate || !(samplingRate > 0))
    return `anomalous from step ${formatStep(l.onset)}${end !== null ? ` to ${formatStep(end)}` : ""}`;
  const at = (step: number) => formatClock(step / samplingRate, stepDecimals(samplingRate));
  return end !== null
    ? `anomalous from ${at(l.onset)} to ${at(end)} (steps ${formatStep(l.onset)}–${formatStep(end)})`
    : `anomalous from ${at(l.onset)} (step ${formatStep(l.onset)})`;
}

/** A stretch of a sequence in its time ("0:01:00–0:02:00"), or in steps when the rate is unknown. */
export function describeStretch(start: number, end: number, samplingRate?: number | null): string {
  if (!samplingRate || !(samplingRate > 0)) return `${formatStep(start)}–${formatStep(end)}`;
  const decimals = stepDecimals(samplingRate);
  return `${formatClock(start / samplingRate, decimals)}–${formatClock(end / samplingRate, decimals)}`;
}

/** The label ops still waiting in the outbox after a reload: what the session starts from. */
export type StoredOp =
  | {
      kind: "label";
      body: { clientId: string; queryId: string; anomalous: boolean; onset?: number | null; regionEnd?: number | null; note: string };
      meta: { runId: string; sequenceId: string; start: number; end: number; userId: string; userName: string; createdAt: string };
    }
  | { kind: "undo"; clientId: string };

/** The session as the unsent ops left it: their labels count, their undos are applied; Undo starts empty. */
export function sessionFromOps(state: SessionState, ops: readonly StoredOp[]): SessionState {
  const added: SessionLabel[] = [];
  const removed: string[] = [];
  for (const op of ops) {
    if (op.kind === "undo") {
      removed.push(op.clientId);
      continue;
    }
    const { body, meta } = op;
    added.push({
      id: `local-${body.clientId}`,
      clientId: body.clientId,
      queryId: body.queryId,
      anomalous: body.anomalous,
      onset: body.onset ?? null,
      regionEnd: body.regionEnd ?? null,
      note: body.note,
      userId: meta.userId,
      userName: meta.userName,
      createdAt: meta.createdAt,
      runId: meta.runId,
      sequenceId: meta.sequenceId,
      start: meta.start,
      end: meta.end,
    });
  }
  return { ...state, added, removed, undo: [] };
}

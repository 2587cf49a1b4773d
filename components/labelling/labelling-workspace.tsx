"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { displayRank } from "@/lib/format";
import {
  defaultOnset,
  disagreement,
  effectiveLabel,
  formatThreshold,
  thresholdFromLabels,
  toLabelledCandidates,
  withLocalChanges,
  type LabellingRun,
  type LabelView,
  type ThresholdState,
} from "@/lib/labelling/labels";
import { contextOf, type ThresholdMark } from "@/lib/charts/label-options";
import { boundsOnPage, newerThreshold, shownThreshold, stateOfView } from "@/lib/threshold/view";
import { nameSources } from "@/lib/threshold/interval";
import { DEFAULT_PLACEMENT } from "@/lib/threshold";
import { unlabelledPeaks } from "@/lib/query/pool-peaks";
import { LabelCharts } from "./label-charts";
import { KeyboardHelp } from "./keyboard-help";
import { LabelPanel } from "./label-panel";
import { ThresholdPanel } from "./threshold-panel";
import "./labelling.css";
import { useChannels, useRunLabels, useScores } from "./use-label-data";
import { useHotkeys } from "./use-hotkeys";
import { useSessionLabels } from "./use-session-labels";

export type QueueEntry = {
  queryId: string;
  runId: string;
  datasetName: string;
  sequenceId: string;
  sequenceName: string;
  sequenceLength: number;
  start: number;
  end: number;
  rank: number;
  strategy: string;
  myLabel: { anomalous: boolean; onset: number | null } | null;
};
/** A run as the labelling page gets it: the labels' latest stored threshold, an admin's manual one while set, the query pool's peaks. */
export type RunInfo = LabellingRun;
type Props = { user: { id: string; name: string }; items: QueueEntry[]; runs: Record<string, RunInfo>; initialIndex: number };

const mineOf = (labels: LabelView[], userId: string) =>
  labels.filter((l) => l.userId === userId).reduce<LabelView | null>((a, l) => (!a || l.createdAt >= a.createdAt ? l : a), null);

/** One queried stretch at a time: channels, score with the live threshold, labels by button or hotkey. */
export function LabellingWorkspace({ user, items, runs, initialIndex }: Props) {
  const [index, setIndex] = useState(initialIndex);
  const [drafts, setDrafts] = useState<Record<string, { onset?: number; note?: string }>>({});
  /** Bumped by Retry: the labels, scores and channels that failed to load are fetched again. */
  const [attempt, setAttempt] = useState(0);
  const [help, setHelp] = useState(false);
  /** What the last label said, shown for a while with the threshold it moved and an Undo. */
  const [toast, setToast] = useState<{ id: number; runId: string; text: string; before: number | null } | null>(null);
  // The page renders this only for a non-empty queue, with the settings of every run in it.
  const item = items[Math.min(index, items.length - 1)] as QueueEntry;
  const run = runs[item.runId] as RunInfo;
  const { session, outbox, label, undo } = useSessionLabels(user);
  const server = useRunLabels(item.runId, attempt);
  const merged = useMemo(
    () => withLocalChanges(server.queries ?? [], { added: session.added.filter((l) => l.runId === item.runId), removed: session.removed }),
    [server.queries, session, item.runId],
  );
  const { scores, error: scoreError } = useScores(item.runId, [item.sequenceId, ...merged.map((q) => q.sequenceId)], attempt);
  // The server stores the threshold after every label and undo and answers with it; until it has
  // answered for all of this browser's, the page shows its own value, computed the same way.
  const stored = newerThreshold(run.stored, outbox.thresholds[item.runId]);

  // Which labelled stretch each candidate of the threshold is (names the ends of its optimal interval).
  const sequenceNames = useMemo(() => new Map(items.map((e) => [e.sequenceId, e.sequenceName])), [items]);
  const sources = useMemo(() => nameSources(toLabelledCandidates(merged, scores).sources, sequenceNames), [merged, scores, sequenceNames]);
  const ready = server.queries !== null && toLabelledCandidates(merged, scores).missing.length === 0;
  const local = useMemo<ThresholdState>(() => {
    const { candidates, sources, missing } = toLabelledCandidates(merged, scores);
    if (!server.queries || missing.length > 0)
      return (stored && stateOfView(stored, run.unsupervised)) ?? thresholdFromLabels([], run.unsupervised, run.samplingRate);
    return thresholdFromLabels(candidates, run.unsupervised, run.samplingRate, DEFAULT_PLACEMENT, {
      unlabelledPeaks: unlabelledPeaks(
        run.pool,
        sources.map((s) => s.query),
      ),
    });
  }, [merged, scores, server.queries, run, stored]);
  const poolInfo = useMemo(
    () => ({
      candidates: run.pool.length,
      unlabelled: unlabelledPeaks(
        run.pool,
        merged.filter((q) => effectiveLabel(q) !== null),
      ).length,
    }),
    [run.pool, merged],
  );
  const pending = outbox.ops.length > 0 || outbox.sending;
  const shown = shownThreshold(local, stored, run.unsupervised, pending);
  const origin = shown.origin;
  // Name the labelled stretches that bound the server's interval: the stored row says which queries
  // they are; map them onto this page's candidates.
  const rawSources = useMemo(() => toLabelledCandidates(merged, scores).sources, [merged, scores]);
  const threshold = useMemo<ThresholdState>(() => {
    if (shown.state.bounds !== null || origin !== "server") return shown.state;
    const bounds = boundsOnPage(stored, rawSources);
    return bounds ? { ...shown.state, bounds } : shown.state;
  }, [shown.state, origin, stored, rawSources]);
  const inEffect = run.manual?.value ?? threshold.value;

  useEffect(() => window.history.replaceState(null, "", `/queue/${item.queryId}`), [item.queryId]);

  const query = merged.find((q) => q.queryId === item.queryId);
  const mine = query ? mineOf(query.labels, user.id) : null;
  const myLabelOf = (e: QueueEntry) => {
    const q = merged.find((m) => m.queryId === e.queryId);
    if (e.runId === item.runId && server.queries) return q ? mineOf(q.labels, user.id) !== null : false;
    return e.myLabel !== null || session.added.some((l) => l.queryId === e.queryId && !session.removed.has(l.clientId));
  };
  const done = items.filter(myLabelOf).length;
  const score = scores.get(item.sequenceId) ?? null;
  const draft = drafts[item.queryId] ?? {};
  const onset =
    draft.onset ?? (mine?.anomalous ? mine.onset : null) ?? (score ? defaultOnset(score, item.start, item.end, inEffect) : item.start);
  const other = query ? disagreement(query, user.id, mine?.anomalous ?? null) : null;
  const counted = query ? effectiveLabel(query) : null;
  const candidate = useMemo(() => ({ from: item.start, to: item.end }), [item.start, item.end]);
  const context = useMemo(() => contextOf(candidate, item.sequenceLength), [candidate, item.sequenceLength]);
  const channels = useChannels(item.sequenceId, context, attempt);
  const marks = useMemo<ThresholdMark[]>(() => {
    const lines: ThresholdMark[] = run.manual ? [{ label: "manual", value: run.manual.value }] : [];
    if (threshold.value !== null)
      lines.push({
        label: threshold.source === "refined" ? "refined" : "unsupervised",
        value: threshold.value,
        dimmed: run.manual !== null,
      });
    if (threshold.source === "refined" && run.unsupervised !== null)
      lines.push({ label: "unsupervised", value: run.unsupervised, dimmed: true });
    return lines;
  }, [threshold, run.unsupervised, run.manual]);

  const move = useCallback((delta: -1 | 1) => setIndex((i) => Math.max(0, Math.min(items.length - 1, i + delta))), [items.length]);
  const setDraft = (patch: { onset?: number; note?: string }) =>
    setDrafts((d) => ({ ...d, [item.queryId]: { ...d[item.queryId], ...patch } }));
  const pick = (step: number) => setDraft({ onset: Math.max(item.start, Math.min(item.end - 1, step)) });
  const act = {
    label: (anomalous: boolean) => {
      setToast({
        id: Date.now(),
        runId: item.runId,
        text: `${item.sequenceName}: ${anomalous ? `anomalous from step ${onset}` : "normal"}`,
        before: inEffect,
      });
      label(
        { queryId: item.queryId, runId: item.runId, sequenceId: item.sequenceId, start: item.start, end: item.end },
        anomalous,
        onset,
        draft.note ?? "",
      );
      const next = items.findIndex((e, i) => i > index && !myLabelOf(e));
      setIndex(next >= 0 ? next : Math.min(items.length - 1, index + 1));
    },
    skip: () => move(1),
    undo: () => {
      setToast(null);
      const queryId = undo();
      if (!queryId) return;
      const at = items.findIndex((e) => e.queryId === queryId);
      if (at >= 0) setIndex(at);
    },
    move,
    nudge: (delta: number) => pick(onset + delta),
    help: () => setHelp((h) => !h),
  };
  useHotkeys(act);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast((t) => (t?.id === toast.id ? null : t)), 8000);
    return () => clearTimeout(timer);
  }, [toast]);
  const loadError = server.error ?? scoreError ?? channels.error;

  return (
    <>
      <p className="muted crumbs">
        <Link href="/queue">← queue</Link>
      </p>
      <div className="page-head">
        <h1 data-testid="labelling.title">
          Rank {displayRank(item.rank)}: {item.sequenceName}{" "}
          <span className="muted">
            steps {item.start}–{item.end}
          </span>
        </h1>
        <span className="badge" data-testid="label.progress">
          {done} of {items.length} labelled
        </span>
      </div>
      <p className="muted">
        {item.datasetName} · strategy {item.strategy} · query {index + 1} of {items.length}
        {counted && counted.userId !== user.id ? ` · counting: ${counted.userName}'s label` : ""}
      </p>
      <div className="label-layout">
        <section className="panel label-main">
          {loadError && (
            <div className="error label-error" role="alert" data-testid="label.error">
              Could not load this stretch: {loadError}{" "}
              <button type="button" className="secondary" onClick={() => setAttempt((a) => a + 1)} data-testid="label.retry">
                Retry
              </button>
            </div>
          )}
          <LabelCharts
            queryId={item.queryId}
            channelNames={run.channelNames}
            channels={channels.channels}
            score={score}
            context={context}
            candidate={candidate}
            onset={onset}
            thresholds={marks}
            band={threshold.source === "refined" ? threshold.interval : null}
            onPick={pick}
          />
        </section>
        <div className="label-side">
          <LabelPanel
            onset={onset}
            mine={mine}
            other={other}
            note={draft.note ?? ""}
            onNote={(note) => setDraft({ note })}
            onLabel={act.label}
            onSkip={act.skip}
            onUndo={act.undo}
            canUndo={session.undo.length > 0}
            onMove={move}
            onHelp={act.help}
          />
          <ThresholdPanel
            threshold={threshold}
            origin={origin}
            version={origin === "server" ? (stored?.version ?? null) : null}
            manual={run.manual}
            outbox={outbox}
            loading={!ready}
            sources={sources}
            pool={poolInfo}
          />
        </div>
      </div>
      {toast && (
        <div className="label-toast" role="status" data-testid="label.toast">
          <span>
            <b>{toast.text}</b>
            {toast.runId === item.runId && (
              <>
                {" "}
                · threshold {formatThreshold(toast.before)} → {formatThreshold(inEffect)}
              </>
            )}{" "}
            · <span className="muted">{pending ? "saving…" : "saved"}</span>
          </span>
          <button type="button" className="secondary" onClick={act.undo} data-testid="label.toast.undo">
            Undo
          </button>
        </div>
      )}
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </>
  );
}

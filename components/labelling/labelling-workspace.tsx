"use client";

import Link from "next/link";
import { useEffect, useMemo } from "react";
import { displayRank } from "@/lib/format";
import {
  defaultOnset,
  disagreement,
  effectiveLabel,
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
import { describeStretch, type Draft } from "@/lib/labelling/session";
import { LabelCharts } from "./label-charts";
import { KeyboardHelp } from "./keyboard-help";
import { LabelPanel } from "./label-panel";
import { ThresholdPanel } from "./threshold-panel";
import "./labelling.css";
import { useChannelsWithDetail, useRunLabels, useScores } from "./use-label-data";
import { useHotkeys, type HotkeyActions } from "./use-hotkeys";
import { LabellingStoreProvider, useLabelling, useLabellingActions, useOutbox } from "./labelling-store-provider";
import { LabelToast } from "./label-toast";
import { SessionList } from "./session-list";
import { ChannelHeatmap, useChannelScores } from "@/components/charts/channel-heatmap";
import { CounterfactualPanel } from "@/components/runs/counterfactual-panel";

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
  myLabel: { anomalous: boolean; onset: number | null; regionEnd?: number | null } | null;
};
/** A run as the labelling page gets it: the labels' latest stored threshold, an admin's manual one while set, the query pool's peaks. */
export type RunInfo = LabellingRun;
type Props = { user: { id: string; name: string }; items: QueueEntry[]; runs: Record<string, RunInfo>; initialIndex: number };

const mineOf = (labels: LabelView[], userId: string) =>
  labels.filter((l) => l.userId === userId).reduce<LabelView | null>((a, l) => (!a || l.createdAt >= a.createdAt ? l : a), null);

/** One queried stretch at a time: score, channels, labels by button or hotkey; its state in the page's store. */
export function LabellingWorkspace(props: Props) {
  const queryIds = useMemo(() => props.items.map((e) => e.queryId), [props.items]);
  return (
    <LabellingStoreProvider user={props.user} queryIds={queryIds} initialIndex={props.initialIndex}>
      <Workspace {...props} />
    </LabellingStoreProvider>
  );
}

const NO_DRAFT: Draft = {};

function Workspace({ user, items, runs }: Props) {
  const actions = useLabellingActions();
  const index = useLabelling((s) => s.index);
  const attempt = useLabelling((s) => s.attempt);
  const help = useLabelling((s) => s.help);
  const logScale = useLabelling((s) => s.logScale);
  const added = useLabelling((s) => s.added);
  const removedIds = useLabelling((s) => s.removed);
  const canUndo = useLabelling((s) => s.undo.length > 0);
  // The page renders this only for a non-empty queue, with the settings of every run in it.
  const item = items[Math.min(index, items.length - 1)] as QueueEntry;
  const draft = useLabelling((s) => s.drafts[item.queryId] ?? NO_DRAFT);
  const zoom = useLabelling((s) => s.zoom);
  const run = runs[item.runId] as RunInfo;
  const pending = useOutbox((o) => o.ops.length > 0 || o.sending);
  const answered = useOutbox((o) => o.thresholds[item.runId]);
  const removed = useMemo(() => new Set(removedIds), [removedIds]);
  const server = useRunLabels(item.runId, attempt);
  const merged = useMemo(
    () => withLocalChanges(server.queries ?? [], { added: added.filter((l) => l.runId === item.runId), removed }),
    [server.queries, added, removed, item.runId],
  );
  const { scores, error: scoreError } = useScores(item.runId, [item.sequenceId, ...merged.map((q) => q.sequenceId)], attempt);
  // The server stores the threshold after every label and undo and answers with it; until it has
  // answered for all of this browser's, the page shows its own value, computed the same way.
  const stored = newerThreshold(run.stored, answered);

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
    return e.myLabel !== null || added.some((l) => l.queryId === e.queryId && !removed.has(l.clientId));
  };
  const done = items.filter(myLabelOf).length;
  const score = scores.get(item.sequenceId) ?? null;
  const onset =
    draft.onset ?? (mine?.anomalous ? mine.onset : null) ?? (score ? defaultOnset(score, item.start, item.end, inEffect) : item.start);
  const regionEnd =
    draft.regionEnd !== undefined ? draft.regionEnd : mine?.anomalous && mine.onset === onset ? (mine.regionEnd ?? null) : null;
  const other = query ? disagreement(query, user.id, mine?.anomalous ?? null) : null;
  const counted = query ? effectiveLabel(query) : null;
  const stretch = useMemo(
    () => ({ queryId: item.queryId, runId: item.runId, sequenceId: item.sequenceId, start: item.start, end: item.end }),
    [item],
  );
  const candidate = useMemo(() => ({ from: item.start, to: item.end }), [item.start, item.end]);
  const context = useMemo(() => contextOf(candidate, item.sequenceLength), [candidate, item.sequenceLength]);
  const view = zoom?.queryId === item.queryId ? zoom.view : context;
  const channels = useChannelsWithDetail(item.sequenceId, context, view, attempt);
  const heat = useChannelScores(item.runId, item.sequenceId, attempt);
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

  const act: HotkeyActions = {
    label: (anomalous) =>
      actions.label({
        stretch,
        sequenceName: item.sequenceName,
        anomalous,
        onset,
        regionEnd,
        note: draft.note ?? "",
        before: inEffect,
        labelled: items.map(myLabelOf),
      }),
    skip: actions.skip,
    undo: actions.undo,
    move: actions.move,
    nudge: (delta) => actions.nudgeOnset(stretch, onset, regionEnd, delta),
    nudgeEnd: (delta) => actions.nudgeRegionEnd(stretch, onset, regionEnd, delta),
    help: actions.toggleHelp,
  };
  useHotkeys(act);
  const loadError = server.error ?? scoreError ?? channels.error;

  return (
    <>
      <p className="muted crumbs">
        <Link href="/queue">← queue</Link>
      </p>
      <div className="page-head">
        <h1 data-testid="labelling.title">
          Rank {displayRank(item.rank)}: {item.sequenceName}{" "}
          <span className="muted">{describeStretch(item.start, item.end, run.samplingRate)}</span>
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
              <button type="button" className="secondary" onClick={actions.retry} data-testid="label.retry">
                Retry
              </button>
            </div>
          )}
          <LabelCharts
            queryId={item.queryId}
            channelNames={run.channelNames}
            channels={channels.channels}
            score={score}
            samplingRate={run.samplingRate}
            context={context}
            view={view}
            candidate={candidate}
            onset={onset}
            regionEnd={regionEnd}
            thresholds={marks}
            band={threshold.source === "refined" ? threshold.interval : null}
            logScale={logScale}
            onPick={(step) => actions.setOnset(stretch, step, regionEnd)}
            onRegion={(a, b) => actions.setRegion(stretch, a, b)}
            onZoom={(next) => actions.setZoom(item.queryId, next)}
            onLogScale={actions.toggleLogScale}
            heatmap={
              <ChannelHeatmap
                values={heat.values}
                error={heat.error}
                length={item.sequenceLength}
                channelNames={run.channelNames}
                range={view}
                scale={logScale ? "symlog" : "linear"}
                samplingRate={run.samplingRate}
                testId="label.heatmap"
              />
            }
          />
          <CounterfactualPanel
            runId={item.runId}
            detector={run.detector}
            sequenceId={item.sequenceId}
            sequenceLength={item.sequenceLength}
            channelNames={run.channelNames}
            start={item.start}
            end={item.end}
          />
        </section>
        <div className="label-side">
          <LabelPanel
            onset={onset}
            regionEnd={regionEnd}
            mine={mine}
            other={other}
            note={draft.note ?? ""}
            onNote={(note) => actions.setNote(item.queryId, note)}
            onLabel={act.label}
            onSkip={act.skip}
            onUndo={act.undo}
            onClearRegion={() => actions.clearRegion(stretch)}
            canUndo={canUndo}
            onMove={actions.move}
            onHelp={act.help}
            samplingRate={run.samplingRate}
          />
          <ThresholdPanel
            threshold={threshold}
            origin={origin}
            version={origin === "server" ? (stored?.version ?? null) : null}
            manual={run.manual}
            loading={!ready}
            sources={sources}
            pool={poolInfo}
          />
          <SessionList names={sequenceNames} samplingRate={run.samplingRate} />
        </div>
      </div>
      <LabelToast runId={item.runId} inEffect={inEffect} samplingRate={run.samplingRate} />
      {help && <KeyboardHelp onClose={actions.closeHelp} />}
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { StrategyName } from "@/lib/query";
import { buildCandidates, parseCandidateKey, type ScoredSequence } from "@/lib/query-candidates";
import { STRATEGIES } from "@/lib/validations/query";
import { selectQueries } from "@/workers/query/client";
import { WorkerError } from "@/workers/worker-error";
import { postJson, requestJson } from "../fetch-json";
import { fetchRunScores } from "./run-scores";

const STRATEGY_LABEL: Record<StrategyName, string> = {
  dqs: "DQS (dissimilarity, DTW)", random: "random", top: "top (largest max score)",
  uncertain: "uncertain (max score nearest the threshold)", diverse: "diverse (k-means++ seeding)",
};

type Props = { runId: string; threshold: number | null; longestSequence: number };

/** Queried stretches as candidates with this run's scores, so DQS can measure against them. */
function queriedCandidates(keys: string[], sequences: ScoredSequence[]) {
  const byId = new Map(sequences.map((s) => [s.sequenceId, s.score]));
  return keys.flatMap((key) => {
    const stretch = parseCandidateKey(key);
    const score = stretch && byId.get(stretch.sequenceId);
    return stretch && score ? [{ key, scores: score.slice(stretch.start, stretch.end) }] : [];
  });
}

export function QueryPanel({ runId, threshold, longestSequence }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "busy" | "ok" | "error"; text: string; done?: number; total?: number } | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const strategy = String(form.get("strategy")) as StrategyName;
    const budget = Number(form.get("budget"));
    const seed = Number(form.get("seed"));
    const segment = String(form.get("segmentLength") ?? "");
    const segmentLength = segment === "" ? null : Number(segment);
    setStatus({ kind: "busy", text: "Loading scores…" });
    try {
      const [sequences, existing] = await Promise.all([
        fetchRunScores(runId),
        requestJson<{ queriedKeys: string[] }>("GET", `/api/runs/${runId}/batches`),
      ]);
      if (!existing.ok) throw new Error(existing.message);
      const candidates = buildCandidates(sequences, segmentLength).map(({ key, scores }) => ({ key, scores }));
      const queried = queriedCandidates(existing.data.queriedKeys, sequences);
      setStatus({ kind: "busy", text: `Selecting ${budget} of ${candidates.length - queried.length} candidates…` });
      const selecting = selectQueries(
        { type: "select", scope: runId, strategy, budget, seed, threshold: threshold ?? undefined, candidates, queried },
        (done, total) => setStatus({ kind: "busy", text: `Selecting… ${done} of ${total}`, done, total }),
      );
      cancelRef.current = selecting.cancel;
      const selection = await selecting.done.finally(() => (cancelRef.current = null));
      if (selection.picks.length === 0) throw new Error("Every candidate has been queried already.");
      const saved = await postJson(`/api/runs/${runId}/batches`, {
        strategy, budget, seed, segmentLength, threshold, picks: selection.picks, ms: Math.round(selection.ms),
      });
      if (!saved.ok) throw new Error(saved.message);
      setStatus({ kind: "ok", text: `Queued ${selection.picks.length} for the experts (selected in ${Math.round(selection.ms)} ms, ${selection.where}).` });
      router.refresh();
    } catch (error) {
      if (error instanceof WorkerError && error.code === "interrupted") setStatus({ kind: "ok", text: "Cancelled: nothing was queued." });
      else setStatus({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="panel">
      <h2>Ask the experts</h2>
      <form className="inline" onSubmit={onSubmit} data-testid="query.form">
        <label>Strategy
          <select name="strategy" defaultValue="dqs" data-testid="query.strategy">
            {STRATEGIES.map((s) => <option key={s} value={s}>{STRATEGY_LABEL[s]}</option>)}
          </select>
        </label>
        <label>Budget<input name="budget" type="number" min={1} max={1000} defaultValue={5} data-testid="query.budget" /></label>
        <label>Seed<input name="seed" type="number" min={0} defaultValue={1} data-testid="query.seed" /></label>
        <label title="Empty: whole sequences (as in the DQS paper)">
          Segment length<input name="segmentLength" type="number" min={2} max={longestSequence} placeholder="whole sequences" data-testid="query.segment" />
        </label>
        <button type="submit" disabled={status?.kind === "busy"} data-testid="query.submit">Ask for a batch</button>
        {status?.kind === "busy" && <button type="button" onClick={() => cancelRef.current?.()} data-testid="query.cancel">Cancel</button>}
      </form>
      {status?.kind === "busy" && status.total !== undefined && <progress max={status.total} value={status.done} data-testid="query.progress" />}
      {status && <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="query.status">{status.text}</p>}
    </section>
  );
}

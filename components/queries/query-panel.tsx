"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent } from "react";
import type { StrategyName } from "@/lib/query";
import { defaultPoolRule, poolSequences, poolSplitsText, thinPoolNote } from "@/lib/query/pool-rule";
import { segmentSuggestion } from "@/lib/query/segment-length";
import { buildCandidates, parseCandidateKey, type ScoredSequence } from "@/lib/query/candidates";
import { EMBEDDING_STRATEGIES, STRATEGY_INFO, STRATEGY_NAMES } from "@/lib/query/registry";
import { selectQueries } from "@/workers/query/client";
import type { QueryCandidateData } from "@/workers/query/protocol";
import { WorkerError } from "@/workers/worker-error";
import { postJson, requestJson } from "../api-client";
import { embedCandidates, type EmbeddingSource } from "./candidate-embeddings";
import { fetchRunScores } from "./run-scores";

/** A scored sequence of the run as the page knows it: its split decides whether it is in the pool. */
export type PoolSequence = { sequenceId: string; split: string; length: number };

type Props = {
  runId: string;
  threshold: number | null;
  longestSequence: number;
  /** Every scored sequence with its split and length. */
  sequences: PoolSequence[];
  /** The detector's window (steps), for the suggested segment length. */
  window: number;
  /** Where the detector's embeddings come from (the run's weights and its z-scoring); null: ALOE's strategies are not offered. */
  embedding?: EmbeddingSource | null;
};

/** Queried stretches as candidates with this run's scores, so DQS can measure against them. */
function queriedCandidates(keys: string[], sequences: ScoredSequence[]) {
  const byId = new Map(sequences.map((s) => [s.sequenceId, s.score]));
  return keys.flatMap((key) => {
    const stretch = parseCandidateKey(key);
    const score = stretch && byId.get(stretch.sequenceId);
    return stretch && score ? [{ key, scores: score.slice(stretch.start, stretch.end) }] : [];
  });
}

/**
 * Asks for a batch: candidates from the honest pool (validation; train on request or when validation
 * is thin; never test), cut into segments of the suggested length unless the analyst chooses otherwise.
 */
/** Without saved weights the page has scores only: ALOE's strategies need the detector's embeddings. */
const SCORE_STRATEGIES = STRATEGY_NAMES.filter((s) => !EMBEDDING_STRATEGIES.includes(s));

export function QueryPanel({ runId, threshold, longestSequence, sequences, window, embedding = null }: Props) {
  const strategies = embedding ? STRATEGY_NAMES : SCORE_STRATEGIES;
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "busy" | "ok" | "error"; text: string; done?: number; total?: number } | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);
  const validationCount = sequences.filter((s) => s.split === "validation").length;
  // Validation only, unless it is thin: then train starts in the pool (lib/query/pool-rule.ts says why).
  const [includeTrain, setIncludeTrain] = useState(() => defaultPoolRule(validationCount).includeTrain);
  /** What the analyst typed; null follows the suggestion. */
  const [typed, setTyped] = useState<string | null>(null);
  const pool = useMemo(() => poolSequences(sequences, { includeTrain }), [sequences, includeTrain]);
  const suggestion = useMemo(() => segmentSuggestion({ lengths: pool.map((s) => s.length), window }), [pool, window]);
  const segmentValue = typed ?? (suggestion.segmentLength === null ? "" : String(suggestion.segmentLength));
  const splits = poolSplitsText({ includeTrain });
  const thin = thinPoolNote(validationCount, { includeTrain });

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
      const [scored, existing] = await Promise.all([
        fetchRunScores(runId),
        requestJson<{ queriedKeys: string[] }>("GET", `/api/runs/${runId}/batches`),
      ]);
      if (!existing.ok) throw new Error(existing.message);
      const inPool = new Set(pool.map((s) => s.sequenceId));
      if (inPool.size === 0) throw new Error(`No ${splits} sequences are scored: nothing to offer.`);
      const candidates: QueryCandidateData[] = buildCandidates(
        scored.filter((s) => inPool.has(s.sequenceId)),
        segmentLength,
      ).map(({ key, scores }) => ({ key, scores }));
      const queried: QueryCandidateData[] = queriedCandidates(existing.data.queriedKeys, scored);
      const taken = new Set(existing.data.queriedKeys);
      if (EMBEDDING_STRATEGIES.includes(strategy)) {
        if (!embedding) throw new Error("This run has no saved weights: ALOE's strategies need the detector's embeddings.");
        setStatus({ kind: "busy", text: "Embedding the candidates with the detector…" });
        const embedJob = embedCandidates(
          runId,
          embedding,
          [...candidates, ...queried].map((c) => c.key),
          (done, total) =>
            setStatus({ kind: "busy", text: `Embedding the candidates with the detector… ${done} of ${total} sequences`, done, total }),
        );
        cancelRef.current = embedJob.cancel;
        const embeddings = await embedJob.done.finally(() => (cancelRef.current = null));
        for (const c of [...candidates, ...queried]) c.embedding = embeddings.get(c.key);
      }
      setStatus({
        kind: "busy",
        text: `Selecting ${budget} of ${candidates.filter((c) => !taken.has(c.key)).length} ${splits} candidates…`,
      });
      const selecting = selectQueries(
        { type: "select", scope: runId, strategy, budget, seed, threshold: threshold ?? undefined, candidates, queried },
        (done, total) => setStatus({ kind: "busy", text: `Selecting… ${done} of ${total}`, done, total }),
      );
      cancelRef.current = selecting.cancel;
      const selection = await selecting.done.finally(() => (cancelRef.current = null));
      if (selection.picks.length === 0) throw new Error("Every candidate has been queried already.");
      const saved = await postJson(`/api/runs/${runId}/batches`, {
        strategy,
        budget,
        seed,
        segmentLength,
        includeTrain,
        threshold,
        picks: selection.picks,
        poolSize: candidates.filter((c) => !taken.has(c.key)).length,
        ms: Math.round(selection.ms),
      });
      if (!saved.ok) throw new Error(saved.message);
      setStatus({
        kind: "ok",
        text: `Queued ${selection.picks.length} for the experts (selected in ${Math.round(selection.ms)} ms, ${selection.where}).`,
      });
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
        <label>
          Strategy
          <select name="strategy" defaultValue="dqs" data-testid="query.strategy">
            {strategies.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_INFO[s].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Budget
          <input name="budget" type="number" min={1} max={1000} defaultValue={5} data-testid="query.budget" />
        </label>
        <label>
          Seed
          <input name="seed" type="number" min={0} defaultValue={1} data-testid="query.seed" />
        </label>
        <label title="Empty: whole sequences (as in the DQS paper)">
          Segment length
          <input
            name="segmentLength"
            type="number"
            min={2}
            max={longestSequence}
            placeholder="whole sequences"
            data-testid="query.segment"
            value={segmentValue}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="button" className="secondary" onClick={() => setTyped("")} disabled={segmentValue === ""} data-testid="query.whole">
          Whole sequences
        </button>
        {suggestion.segmentLength !== null && segmentValue !== String(suggestion.segmentLength) && (
          <button type="button" className="secondary" onClick={() => setTyped(null)} data-testid="query.suggested">
            Use {suggestion.segmentLength}
          </button>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={includeTrain}
            onChange={(e) => setIncludeTrain(e.target.checked)}
            data-testid="query.include-train"
          />
          also train split (in-sample: scores run low)
        </label>
        <button type="submit" disabled={status?.kind === "busy"} data-testid="query.submit">
          Ask for a batch
        </button>
        {status?.kind === "busy" && (
          <button type="button" onClick={() => cancelRef.current?.()} data-testid="query.cancel">
            Cancel
          </button>
        )}
      </form>
      <p className="muted" data-testid="query.pool" data-splits={splits}>
        Pool: <b>{splits}</b> split — {pool.length} {pool.length === 1 ? "sequence" : "sequences"}
        {includeTrain
          ? "; the detector trained on the train split, so its scores run low and a threshold refined on them sits too low."
          : " the detector did not train on."}{" "}
        The test split is never offered: it is kept for judging the threshold.
      </p>
      {thin && (
        <p className="notice" data-testid="query.thin-pool">
          {thin}
        </p>
      )}
      <p className="muted" data-testid="query.segment-hint" data-suggested={suggestion.segmentLength ?? ""}>
        Suggested: {suggestion.text}
      </p>
      {status?.kind === "busy" && status.total !== undefined && (
        <progress max={status.total} value={status.done} data-testid="query.progress" />
      )}
      {status && (
        <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="query.status">
          {status.text}
        </p>
      )}
    </section>
  );
}

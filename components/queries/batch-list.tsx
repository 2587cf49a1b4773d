"use client";

import { useEffect, useMemo, useState } from "react";
import { displayRank } from "@/lib/format";
import { sparklineOptions } from "@/lib/charts/run-options";
import type { BatchView } from "@/lib/validations/query";
import { EChart } from "../charts/echart";
import { useColorScheme } from "../charts/use-color-scheme";
import { fetchRunScores } from "./run-scores";

function Sparkline({ score, threshold }: { score: Float32Array; threshold: number | null }) {
  const scheme = useColorScheme();
  const option = useMemo(() => sparklineOptions(score, threshold, scheme), [score, threshold, scheme]);
  return <EChart option={option} style={{ height: 48, width: 260 }} testId="batch.spark" data={{ "data-points": score.length }} />;
}

type Props = {
  runId: string;
  batches: BatchView[];
  threshold: number | null;
  /** Per query id, what the experts said ("anomalous from step 1,000 — Erik Expert"), the label that counts first. */
  said?: Record<string, string[]>;
};

/** Query batches of a run, newest first, each candidate with its score plot and what the experts said of it. */
export function BatchList({ runId, batches, threshold, said = {} }: Props) {
  const [scores, setScores] = useState<Map<string, Float32Array> | null>(null);
  useEffect(() => {
    if (batches.length === 0) return;
    let live = true;
    fetchRunScores(runId)
      .then((all) => live && setScores(new Map(all.map((s) => [s.sequenceId, s.score]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [runId, batches]);

  if (batches.length === 0)
    return (
      <p className="panel muted" data-testid="batches.empty">
        No queries asked for yet.
      </p>
    );
  return (
    <>
      {batches.map((b) => (
        <section key={b.id} className="panel" data-testid="batch" data-strategy={b.strategy}>
          <h2>
            {b.strategy} · {b.queries.length} queries{" "}
            <span className="muted">
              — {b.createdAt.slice(0, 16).replace("T", " ")} by {b.createdBy}, seed {b.seed}
            </span>
          </h2>
          <table>
            <thead>
              <tr>
                <th>Rank</th>
                <th>Sequence</th>
                <th>Steps</th>
                <th>Score</th>
                <th>Why</th>
                <th title="The probability the strategy drew the pick with among the candidates still open (1: a deterministic pick); the contamination estimate weighs the labels by it">
                  P(draw)
                </th>
                <th>Labels</th>
              </tr>
            </thead>
            <tbody>
              {b.queries.map((q) => {
                const score = scores?.get(q.sequenceId)?.subarray(q.start, q.end);
                return (
                  <tr key={q.id} data-testid="batch.query">
                    <td>{displayRank(q.rank)}</td>
                    <td data-testid="batch.query.sequence">{q.sequenceName}</td>
                    <td>
                      {q.start}–{q.end}
                    </td>
                    <td>{score ? <Sparkline score={score} threshold={threshold} /> : "…"}</td>
                    <td className="muted">{q.reason}</td>
                    <td data-testid="batch.query.probability" data-probability={q.probability ?? ""}>
                      {q.probability === null ? "—" : q.probability.toPrecision(3)}
                    </td>
                    <td data-testid="batch.labels">
                      {(said[q.id] ?? []).length === 0 ? (
                        <span className="muted">not labelled yet</span>
                      ) : (
                        (said[q.id] ?? []).map((text, i) => (
                          <div key={i} className={i > 0 ? "muted" : undefined} data-testid="batch.label">
                            {i > 0 ? `also: ${text}` : text}
                          </div>
                        ))
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

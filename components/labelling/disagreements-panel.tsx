"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { disagreements, thresholdFromLabels, thresholdInput, toLabelledCandidates, type Disagreement, type LabelledQuery, type LabelView } from "@/lib/labels";
import { requestJson } from "../fetch-json";
import { fetchRunScores } from "../queries/run-scores";

type Props = { runId: string; canResolve: boolean; unsupervised: number | null; samplingRate: number; sequenceNames: Record<string, string> };

const say = (l: LabelView) => (l.anomalous ? `anomalous from step ${l.onset}` : "normal");

/**
 * Queries whose experts disagree, on the run page. The latest label counts unless an admin picks one;
 * after a pick the refined threshold is recomputed here from every label of the run and stored.
 */
export function DisagreementsPanel({ runId, canResolve, unsupervised, samplingRate, sequenceNames }: Props) {
  const router = useRouter();
  const [queries, setQueries] = useState<LabelledQuery[] | null>(null);
  const [status, setStatus] = useState<{ kind: "busy" | "ok" | "error"; text: string } | null>(null);

  const fetchLabels = useCallback(async () => {
    const r = await requestJson<{ queries: LabelledQuery[] }>("GET", `/api/runs/${runId}/labels`);
    if (!r.ok) throw new Error(r.message);
    return r.data.queries;
  }, [runId]);

  useEffect(() => {
    let live = true;
    fetchLabels().then(
      (q) => live && setQueries(q),
      (error: unknown) => live && setStatus({ kind: "error", text: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [fetchLabels]);

  async function resolve(d: Disagreement, labelId: string | null) {
    setStatus({ kind: "busy", text: "Saving the resolution…" });
    try {
      const r = await requestJson("PUT", `/api/queries/${d.query.queryId}/resolution`, { labelId });
      if (!r.ok) throw new Error(r.message);
      const [all, scores] = await Promise.all([fetchLabels(), fetchRunScores(runId)]);
      setQueries(all);
      const { candidates } = toLabelledCandidates(all, new Map(scores.map((s) => [s.sequenceId, s.score])));
      const t = thresholdFromLabels(candidates, unsupervised, samplingRate);
      const body = thresholdInput(t);
      if (body !== null) {
        const saved = await requestJson("POST", `/api/runs/${runId}/thresholds`, body);
        if (!saved.ok) throw new Error(saved.message);
      }
      setStatus({ kind: "ok", text: t.source === "refined" ? `Resolved; refined threshold now ${t.value?.toFixed(3)}.` : `Resolved. ${t.reason}` });
      router.refresh();
    } catch (error) {
      setStatus({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  if (!queries) return null;
  const list = disagreements(queries);
  if (list.length === 0 && !status) return null;
  return (
    <section className="panel" data-testid="disagreements">
      <h2>Experts disagree on {list.length} {list.length === 1 ? "query" : "queries"}</h2>
      <p className="muted">The latest label counts{canResolve ? " unless you choose one" : " unless an admin chooses one"}.</p>
      <table>
        <thead><tr><th>Sequence</th><th>Steps</th><th>Labels (oldest first)</th><th>Counts</th></tr></thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.query.queryId} data-testid="disagreements.row" data-query={d.query.queryId}>
              <td>{sequenceNames[d.query.sequenceId] ?? d.query.sequenceId}</td>
              <td>{d.query.start}–{d.query.end}</td>
              <td>
                {d.labels.map((l) => (
                  <div key={l.id}>
                    {l.userName}: {say(l)}{" "}
                    {canResolve && l.id !== d.counts.id && (
                      <button type="button" className="secondary" onClick={() => resolve(d, l.id)} disabled={status?.kind === "busy"} data-testid="disagreements.use" data-user={l.userName}>
                        Use this label
                      </button>
                    )}
                  </div>
                ))}
              </td>
              <td data-testid="disagreements.counts">
                {d.counts.userName}: {say(d.counts)} {d.resolved ? "(resolved by an admin)" : "(latest)"}
                {canResolve && d.resolved && (
                  <> <button type="button" className="secondary" onClick={() => resolve(d, null)} disabled={status?.kind === "busy"} data-testid="disagreements.unresolve">Latest again</button></>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status && <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="disagreements.status">{status.text}</p>}
    </section>
  );
}

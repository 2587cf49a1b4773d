"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { describeLabel } from "@/lib/labelling/session";
import { disagreements, formatThreshold, type Disagreement, type LabelledQuery } from "@/lib/labelling/labels";
import type { ThresholdView } from "@/lib/threshold/view";
import { requestJson } from "../api-client";

type Props = { runId: string; canResolve: boolean; sequenceNames: Record<string, string>; samplingRate: number };

/** What the resolution's answer says about the threshold the server recomputed. */
function resolvedText(t: ThresholdView | null): string {
  if (!t) return "Resolved.";
  return t.kind === "refined"
    ? `Resolved; refined threshold now ${formatThreshold(t.value)}.`
    : `Resolved. ${t.reason ?? "The labels no longer refine the threshold."}`;
}

/**
 * Queries whose experts disagree, on the run page. The latest label counts unless an admin picks one;
 * the server recomputes and stores the refined threshold with the pick and answers with it.
 */
export function DisagreementsPanel({ runId, canResolve, sequenceNames, samplingRate }: Props) {
  const say = (l: Parameters<typeof describeLabel>[0]) => describeLabel(l, samplingRate);
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
      const r = await requestJson<{ threshold: ThresholdView | null }>("PUT", `/api/queries/${d.query.queryId}/resolution`, { labelId });
      if (!r.ok) throw new Error(r.message);
      setQueries(await fetchLabels());
      setStatus({ kind: "ok", text: resolvedText(r.data.threshold) });
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
      <h2>
        Experts disagree on {list.length} {list.length === 1 ? "query" : "queries"}
      </h2>
      <p className="muted">The latest label counts{canResolve ? " unless you choose one" : " unless an admin chooses one"}.</p>
      <table>
        <thead>
          <tr>
            <th>Sequence</th>
            <th>Steps</th>
            <th>Labels (oldest first)</th>
            <th>Counts</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.query.queryId} data-testid="disagreements.row" data-query={d.query.queryId}>
              <td>{sequenceNames[d.query.sequenceId] ?? d.query.sequenceId}</td>
              <td>
                {d.query.start}–{d.query.end}
              </td>
              <td>
                {d.labels.map((l) => (
                  <div key={l.id}>
                    {l.userName}: {say(l)}{" "}
                    {canResolve && l.id !== d.counts.id && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => resolve(d, l.id)}
                        disabled={status?.kind === "busy"}
                        data-testid="disagreements.use"
                        data-user={l.userName}
                      >
                        Use this label
                      </button>
                    )}
                  </div>
                ))}
              </td>
              <td data-testid="disagreements.counts">
                {d.counts.userName}: {say(d.counts)} {d.resolved ? "(resolved by an admin)" : "(latest)"}
                {canResolve && d.resolved && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => resolve(d, null)}
                      disabled={status?.kind === "busy"}
                      data-testid="disagreements.unresolve"
                    >
                      Latest again
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status && (
        <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="disagreements.status">
          {status.text}
        </p>
      )}
    </section>
  );
}

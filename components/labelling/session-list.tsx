"use client";

import { useMemo } from "react";
import { describeLabel, describeStretch, standingLabels } from "@/lib/labelling/session";
import { useLabelling } from "./labelling-store-provider";

/** The labels made on this page since it opened (or still waiting from before a reload), the latest first. */
export function SessionList({ names, samplingRate }: { names: ReadonlyMap<string, string>; samplingRate: number }) {
  const added = useLabelling((s) => s.added);
  const removed = useLabelling((s) => s.removed);
  const labels = useMemo(() => standingLabels({ added, removed }), [added, removed]);
  return (
    <section className="panel label-session" data-testid="label.session">
      <h2>This session</h2>
      {labels.length === 0 ? (
        <p className="muted">No labels yet.</p>
      ) : (
        <ol>
          {labels.map((l) => (
            <li key={l.clientId} data-testid="label.session.item" data-region-end={l.regionEnd ?? ""}>
              <b>{l.sequenceName ?? names.get(l.sequenceId) ?? l.sequenceId}</b> {describeStretch(l.start, l.end, samplingRate)}:{" "}
              {describeLabel(l, samplingRate)}
              {l.note ? <span className="muted"> — “{l.note}”</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

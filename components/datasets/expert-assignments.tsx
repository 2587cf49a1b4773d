"use client";

import { useState } from "react";
import { requestJson } from "../api-client";
import { SearchableList } from "../searchable-list";

type Expert = { id: string; name: string; email: string; assigned: boolean; active: boolean };

/**
 * Admin: which experts label this dataset's queries (experts see only their datasets). A compact
 * grid, one expert a line (checkbox, name, email), with a search box; a search hides rows, never
 * unticks them. A deactivated expert cannot be ticked (one already assigned may stay or be removed).
 */
export function ExpertAssignments({ datasetId, experts: initial }: { datasetId: string; experts: Expert[] }) {
  const [experts, setExperts] = useState(initial);
  const [chosen, setChosen] = useState(() => new Set(initial.filter((e) => e.assigned).map((e) => e.id)));
  const [status, setStatus] = useState<{ kind: "busy" | "ok" | "error"; text: string } | null>(null);
  const changed = experts.some((e) => e.assigned !== chosen.has(e.id));

  function toggle(id: string) {
    setChosen((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function save() {
    setStatus({ kind: "busy", text: "Saving…" });
    const r = await requestJson<{ experts: Expert[] }>("PUT", `/api/datasets/${datasetId}/assignments`, { userIds: [...chosen] });
    if (!r.ok) return setStatus({ kind: "error", text: r.message });
    setExperts(r.data.experts);
    setChosen(new Set(r.data.experts.filter((e) => e.assigned).map((e) => e.id)));
    setStatus({
      kind: "ok",
      text: `Saved: ${r.data.experts.filter((e) => e.assigned).length} of ${r.data.experts.length} experts label this dataset.`,
    });
  }

  return (
    <section className="panel" data-testid="assignments">
      <h2>Experts</h2>
      {experts.length === 0 ? (
        <p className="muted">No expert accounts yet: create one under Users.</p>
      ) : (
        <>
          <p className="muted">Experts see and label the queries of the datasets assigned to them only.</p>
          <SearchableList
            items={experts}
            fields={(e) => [e.name, e.email]}
            noun={{ plural: "experts", singular: "expert" }}
            testId="assignments"
            count={() => `${chosen.size} of ${experts.length} selected`}
          >
            {(shown) => (
              <ul className="assignment-list">
                {shown.map((e) => (
                  <li key={e.id} data-testid="assignments.item" data-email={e.email}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={chosen.has(e.id)}
                        disabled={!e.active && !chosen.has(e.id)}
                        onChange={() => toggle(e.id)}
                        data-testid="assignments.expert"
                        data-email={e.email}
                      />
                      <span className="assignment-name" data-testid="assignments.name">
                        {e.name}
                      </span>
                    </label>
                    <span className="muted assignment-email">{e.email}</span>
                    {!e.active && <span className="muted">deactivated</span>}
                  </li>
                ))}
              </ul>
            )}
          </SearchableList>
          <button type="button" onClick={save} disabled={!changed || status?.kind === "busy"} data-testid="assignments.save">
            Save experts
          </button>
        </>
      )}
      {status && (
        <p className={status.kind === "error" ? "error" : status.kind === "ok" ? "ok" : "muted"} data-testid="assignments.status">
          {status.text}
        </p>
      )}
    </section>
  );
}

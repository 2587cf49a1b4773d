"use client";

import { useState } from "react";
import { formatThreshold } from "@/lib/labelling/labels";
import type { ExportFormat, ExportKind } from "@/lib/validations/export";

type Props = { runId: string; unsupervised: number | null; refined: number | null; manual: number | null };

const KINDS: { what: ExportKind; title: string; text: string }[] = [
  {
    what: "labels",
    title: "Labels",
    text: "who, when, query batch and strategy, sequence, label, onset, note, and the threshold after it",
  },
  { what: "predictions", title: "Predictions", text: "per sequence: max score, anomalous or not, first alarm step, ground truth if any" },
  { what: "scores", title: "Scores", text: "the anomaly score of every step of every sequence" },
  { what: "thresholds", title: "Threshold history", text: "every unsupervised, refined, withdrawn and manual threshold" },
];

/** Download links for the run's exports (admins and analysts); predictions at the threshold chosen here. */
export function ExportPanel({ runId, unsupervised, refined, manual }: Props) {
  const named = [
    refined !== null && { value: "refined", text: `refined (${formatThreshold(refined)})` },
    unsupervised !== null && { value: "unsupervised", text: `unsupervised (${formatThreshold(unsupervised)})` },
    manual !== null && { value: "manual", text: `manual (${formatThreshold(manual)})` },
  ].filter((o) => o !== false);
  const [choice, setChoice] = useState(named[0]?.value ?? "value");
  const [value, setValue] = useState("");
  const threshold = choice === "value" ? value.trim() : choice;
  const valueMissing = choice === "value" && (threshold === "" || !Number.isFinite(Number(threshold)));

  function href(what: ExportKind, format: ExportFormat): string {
    const params = new URLSearchParams({ what, format });
    if (what === "predictions") params.set("threshold", threshold);
    return `/api/runs/${runId}/export?${params.toString()}`;
  }

  return (
    <section className="panel" data-testid="export">
      <h2>Export</h2>
      <p className="muted">Download this run&apos;s data: CSV for spreadsheets, JSON for scripts.</p>
      <table>
        <tbody>
          {KINDS.map(({ what, title, text }) => (
            <tr key={what}>
              <th scope="row">{title}</th>
              <td className="muted">
                {text}
                {what === "predictions" && (
                  <div className="export-threshold">
                    <label>
                      at the threshold{" "}
                      <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="export.threshold">
                        {named.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.text}
                          </option>
                        ))}
                        <option value="value">a value…</option>
                      </select>
                    </label>
                    {choice === "value" && (
                      <input
                        type="number"
                        step="any"
                        value={value}
                        onChange={(e) => setValue(e.target.value)}
                        aria-label="Threshold value"
                        data-testid="export.value"
                      />
                    )}
                  </div>
                )}
              </td>
              {(["csv", "json"] as const).map((format) => (
                <td key={format}>
                  {what === "predictions" && valueMissing ? (
                    <span className="muted">{format.toUpperCase()}</span>
                  ) : (
                    <a href={href(what, format)} download data-testid={`export.${what}.${format}`}>
                      {format.toUpperCase()}
                    </a>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

"use client";

import { useEffect, useMemo, useState } from "react";
import type { ThresholdInterval } from "@/lib/charts/threshold-band";
import { scoreChartOptions, type ThresholdLine } from "@/lib/charts/run-options";
import { getBytes } from "../api-client";
import { EChart } from "../charts/echart";

type Row = { sequenceId: string; name: string; split: string; length: number; max: number };

type Props = {
  runId: string;
  samplingRate: number;
  sequences: Row[];
  unsupervised: number | null;
  refined: number | null;
  /** An admin's manual threshold while set: the one in effect. */
  manual: number | null;
  /** The refined threshold's optimal interval, shaded when the stored threshold has one. */
  interval?: ThresholdInterval | null;
};

/** Every scored sequence with its max score; the chosen one's score plotted with the thresholds. */
export function ScoreExplorer({ runId, samplingRate, sequences, unsupervised, refined, manual, interval = null }: Props) {
  const [selected, setSelected] = useState<Row | null>(null);
  const [score, setScore] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sorted = useMemo(() => [...sequences].sort((a, b) => b.max - a.max), [sequences]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    getBytes(`/api/runs/${runId}/scores/${selected.sequenceId}`, "Loading the scores")
      .then((bytes) => live && (setScore(new Float32Array(bytes)), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [runId, selected]);

  const option = useMemo(() => {
    if (!score) return null;
    const lines: ThresholdLine[] = [];
    if (manual !== null) lines.push({ label: "manual", value: manual });
    if (refined !== null) lines.push({ label: "refined", value: refined, dimmed: manual !== null });
    if (unsupervised !== null) lines.push({ label: "unsupervised", value: unsupervised, dimmed: manual !== null || refined !== null });
    return scoreChartOptions(score, lines, samplingRate, refined !== null ? interval : null);
  }, [score, samplingRate, refined, unsupervised, manual, interval]);
  const inEffect = manual ?? refined ?? unsupervised;

  return (
    <section className="panel">
      <h2>Anomaly scores</h2>
      {selected && option && (
        <>
          <p className="muted">
            {selected.name} ({selected.split}), {selected.length} steps
          </p>
          <EChart
            option={option}
            resetKey={selected.sequenceId}
            testId="scores.chart"
            data={{
              "data-points": score?.length ?? 0,
              "data-band": interval && refined !== null ? `${interval.lower ?? ""},${interval.upper}` : "",
            }}
            style={{ height: 280, width: "100%" }}
          />
        </>
      )}
      {error && <p className="error">{error}</p>}
      <div style={{ maxHeight: 320, overflow: "auto" }}>
        <table data-testid="scores.table">
          <thead>
            <tr>
              <th>Sequence</th>
              <th>Split</th>
              <th className="num">Steps</th>
              <th className="num">Max score</th>
              <th>Above threshold</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr
                key={s.sequenceId}
                data-testid="scores.row"
                onClick={() => setSelected(s)}
                style={{ cursor: "pointer", background: s === selected ? "#eef3ff" : undefined }}
              >
                <td>{s.name}</td>
                <td>{s.split}</td>
                <td className="num">{s.length}</td>
                <td className="num">{s.max.toFixed(2)}</td>
                <td>{inEffect !== null && s.max >= inEffect ? "yes" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

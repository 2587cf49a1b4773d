"use client";

import { useMemo } from "react";
import { f1CurveOptions, historyOptions, type MarkedThreshold } from "@/lib/charts/metrics-options";
import type { CurvePoint, HistoryStep } from "@/lib/runs/metrics";
import { EChart } from "../charts/echart";

/** Test F1 against the threshold, the run's thresholds marked on it. */
export function F1CurveChart({ curve, marks }: { curve: CurvePoint[]; marks: MarkedThreshold[] }) {
  const option = useMemo(() => f1CurveOptions(curve, marks), [curve, marks]);
  return (
    <EChart
      option={option}
      testId="metrics.curve"
      data={{ "data-points": curve.length, "data-marks": marks.map((m) => m.name).join(",") }}
      style={{ height: 340, width: "100%" }}
    />
  );
}

/** The labels' threshold and its test F1 after each stored change. */
export function HistoryChart({ steps }: { steps: HistoryStep[] }) {
  const option = useMemo(() => historyOptions(steps), [steps]);
  return (
    <EChart option={option} testId="metrics.historyChart" data={{ "data-steps": steps.length }} style={{ height: 260, width: "100%" }} />
  );
}

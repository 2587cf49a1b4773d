"use client";

import { useMemo } from "react";
import { lossChartOptions, type LossPoint } from "@/lib/charts/run-options";
import { EChart } from "../charts/echart";

export function LossChart({ epochs }: { epochs: LossPoint[] }) {
  const option = useMemo(() => lossChartOptions(epochs), [epochs]);
  return <EChart option={option} testId="run.lossChart" data={{ "data-points": epochs.length }} style={{ height: 240, width: "100%" }} />;
}

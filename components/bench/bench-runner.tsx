"use client";

import { useState } from "react";
import { formatBenchTable, type BenchRow } from "@/lib/detectors/benchmark";
import type { BenchEvent } from "@/workers/bench/protocol";

export function BenchRunner() {
  const [rows, setRows] = useState<BenchRow[]>([]);
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<"idle" | "running" | "done" | "error">("idle");

  function start(quick: boolean) {
    setRows([]);
    setLines([]);
    setState("running");
    const worker = new Worker(new URL("../../workers/bench.worker.ts", import.meta.url), { type: "module", name: "bench" });
    worker.onmessage = (message: MessageEvent<BenchEvent>) => {
      const e = message.data;
      if (e.type === "choice") setLines((l) => [...l, `picker chose ${e.backend}: ${e.reason}`]);
      else if (e.type === "row") setRows((r) => [...r, e.row]);
      else if (e.type === "skipped") setLines((l) => [...l, `${e.backend}: skipped (${e.reason})`]);
      else if (e.type === "complete" || e.type === "error") {
        if (e.type === "error") setLines((l) => [...l, `error: ${e.message}`]);
        setState(e.type === "complete" ? "done" : "error");
        worker.terminate();
      }
    };
    worker.postMessage({ type: "run", quick });
  }

  return (
    <section className="panel">
      <button type="button" onClick={() => start(false)} disabled={state === "running"} data-testid="bench.run">Run benchmark</button>{" "}
      <button type="button" className="secondary" onClick={() => start(true)} disabled={state === "running"} data-testid="bench.quick">Quick run</button>
      <pre data-testid="bench.output" data-state={state}>
        {[...lines, rows.length ? formatBenchTable(rows, "8 channels, window 32, batch 32 (median ms per training step; scoring with shift 1)") : ""].join("\n")}
      </pre>
    </section>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import { formatBenchTable, type BenchRow } from "@/lib/detectors/benchmark";
import { runBenchmark, type BenchHandle } from "@/workers/bench/client";

export function BenchRunner() {
  const [rows, setRows] = useState<BenchRow[]>([]);
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<"idle" | "running" | "done" | "error">("idle");
  const running = useRef<BenchHandle | null>(null);
  // Leaving the page stops the benchmark's worker.
  useEffect(() => () => running.current?.stop(), []);

  function start(quick: boolean) {
    setRows([]);
    setLines([]);
    setState("running");
    const handle = runBenchmark({ type: "run", quick }, (e) => {
      if (e.type === "choice") setLines((l) => [...l, `picker chose ${e.backend}: ${e.reason}`]);
      else if (e.type === "row") setRows((r) => [...r, e.row]);
      else if (e.type === "skipped") setLines((l) => [...l, `${e.backend}: skipped (${e.reason})`]);
    });
    running.current = handle;
    handle.done.then(
      () => setState("done"),
      (error: unknown) => {
        setLines((l) => [...l, `error: ${error instanceof Error ? error.message : String(error)}`]);
        setState("error");
      },
    );
  }

  return (
    <section className="panel">
      <button type="button" onClick={() => start(false)} disabled={state === "running"} data-testid="bench.run">
        Run benchmark
      </button>{" "}
      <button type="button" className="secondary" onClick={() => start(true)} disabled={state === "running"} data-testid="bench.quick">
        Quick run
      </button>
      <pre data-testid="bench.output" data-state={state}>
        {[
          ...lines,
          rows.length ? formatBenchTable(rows, "8 channels, window 32, batch 32 (median ms per training step; scoring with shift 1)") : "",
        ].join("\n")}
      </pre>
    </section>
  );
}

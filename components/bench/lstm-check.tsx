"use client";

import { useEffect, useRef, useState } from "react";
import type { GpuAdapterInfo } from "@/lib/backend/choose";
import { formatVariantTable, type BenchRow } from "@/lib/detectors/benchmark";
import { FUSED_TOLERANCE, type LayerCheck, type TrainingCheck } from "@/lib/detectors/lstm-check";
import { runBenchmark, type BenchHandle } from "@/workers/bench/client";

const within = (error: number) => error < FUSED_TOLERANCE;

/** Admin check: the fused WGSL LSTM against the op-by-op one on this browser's WebGPU adapter, then timed. */
export function LstmCheck() {
  const [state, setState] = useState<"idle" | "running" | "done" | "error">("idle");
  const [adapter, setAdapter] = useState<GpuAdapterInfo | null | undefined>(undefined);
  const [layers, setLayers] = useState<LayerCheck[]>([]);
  const [training, setTraining] = useState<TrainingCheck | null>(null);
  const [rows, setRows] = useState<BenchRow[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const running = useRef<BenchHandle | null>(null);
  useEffect(() => () => running.current?.stop(), []);

  function start(quick: boolean, timing: boolean) {
    setState("running");
    setAdapter(undefined);
    setLayers([]);
    setTraining(null);
    setRows([]);
    setNotes([]);
    const handle = runBenchmark({ type: "lstm", quick, timing }, (e) => {
      if (e.type === "adapter") setAdapter(e.adapter);
      else if (e.type === "lstm-layer") setLayers((l) => [...l, e.check]);
      else if (e.type === "lstm-training") setTraining(e.check);
      else if (e.type === "row") setRows((r) => [...r, e.row]);
      else if (e.type === "skipped") setNotes((n) => [...n, `${e.backend}: skipped (${e.reason})`]);
    });
    running.current = handle;
    handle.done.then(
      () => setState("done"),
      (error: unknown) => {
        setNotes((n) => [...n, `error: ${error instanceof Error ? error.message : String(error)}`]);
        setState("error");
      },
    );
  }

  const software = adapter && (adapter.isFallbackAdapter || adapter.architecture === "swiftshader");
  return (
    <section className="panel" data-testid="lstmcheck" data-state={state}>
      <h2>Fused LSTM on WebGPU</h2>
      <p className="muted">
        The WGSL kernels of the fused LSTM layer against the op-by-op layer (outputs and all gradients, both directions, several shapes; a
        small TeVAE&apos;s training losses); then, if asked, TeVAE&apos;s training step timed op by op and fused on WebGPU and fused on
        wasm.
      </p>
      <button type="button" onClick={() => start(true, false)} disabled={state === "running"} data-testid="lstmcheck.check">
        Check
      </button>{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => start(true, true)}
        disabled={state === "running"}
        data-testid="lstmcheck.quick"
      >
        Check and time a small TeVAE
      </button>{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => start(false, true)}
        disabled={state === "running"}
        data-testid="lstmcheck.run"
      >
        Every shape, TeVAE at h = 4·F and 16·F
      </button>
      {adapter !== undefined && (
        <p className="muted" data-testid="lstmcheck.adapter">
          {adapter
            ? `WebGPU adapter: ${adapter.vendor || "unknown vendor"}, ${adapter.architecture || "unknown architecture"}${software ? " — a software adapter: its timings are not a GPU's" : ""}`
            : "No WebGPU adapter in this browser."}
        </p>
      )}
      {layers.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>batch</th>
              <th>steps</th>
              <th>width</th>
              <th>units</th>
              <th>direction</th>
              <th>output error</th>
              <th>gradient error</th>
              <th>within {FUSED_TOLERANCE.toExponential(0)}</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((c) => (
              <tr key={`${c.batch}-${c.steps}-${c.width}-${c.units}-${c.reverse}`} data-testid="lstmcheck.layer">
                <td>{c.batch}</td>
                <td>{c.steps}</td>
                <td>{c.width}</td>
                <td>{c.units}</td>
                <td>{c.reverse ? "backward" : "forward"}</td>
                <td>{c.valueError.toExponential(1)}</td>
                <td>{c.gradError.toExponential(1)}</td>
                <td data-testid="lstmcheck.layer-ok">{within(c.valueError) && within(c.gradError) ? "yes" : "NO"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {training && (
        <p data-testid="lstmcheck.training" data-error={training.maxRelError}>
          TeVAE training losses per epoch, op by op {training.ops.map((v) => v.toFixed(4)).join(", ")}; fused{" "}
          {training.fused.map((v) => v.toFixed(4)).join(", ")} (largest relative difference {training.maxRelError.toExponential(1)}:{" "}
          <span data-testid="lstmcheck.training-ok">{within(training.maxRelError) ? "same" : "DIFFERENT"}</span>)
        </p>
      )}
      <pre data-testid="lstmcheck.output">
        {[
          ...notes,
          rows.length
            ? formatVariantTable(
                rows,
                `TeVAE, 8 channels (median ms per training step; scoring with shift 1)${software ? " — software adapter" : ""}`,
              )
            : "",
        ].join("\n")}
      </pre>
    </section>
  );
}

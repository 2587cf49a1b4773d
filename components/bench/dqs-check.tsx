"use client";

import { useState } from "react";
import { checkDqsPaths } from "@/workers/query/client";
import type { DqsCheckResult } from "@/workers/query/check";

const ARGS = { candidates: 300, length: 256, budget: 10, seed: 7 };

/** Admin check: the DQS paths this browser has, timed on one seeded batch, picks compared. */
export function DqsCheck() {
  const [state, setState] = useState<
    { kind: "idle" | "running" } | { kind: "done"; result: DqsCheckResult } | { kind: "error"; message: string }
  >({ kind: "idle" });

  async function run() {
    setState({ kind: "running" });
    try {
      setState({ kind: "done", result: await checkDqsPaths(ARGS) });
    } catch (error) {
      setState({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="panel" data-testid="dqscheck" data-state={state.kind}>
      <h2>DQS distances: one thread, worker pool, WebGPU</h2>
      <p className="muted">
        One seeded DQS batch ({ARGS.budget} picks from {ARGS.candidates} score series of {ARGS.length} steps) on each path; the picks must
        be the same.
      </p>
      <button type="button" onClick={run} disabled={state.kind === "running"} data-testid="dqscheck.run">
        Check DQS paths
      </button>
      {state.kind === "running" && <p className="muted">Running… (a software WebGPU adapter can take a minute)</p>}
      {state.kind === "error" && <p className="error">{state.message}</p>}
      {state.kind === "done" && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th>path</th>
                <th>batch time</th>
                <th>same picks</th>
                <th>note</th>
              </tr>
            </thead>
            <tbody>
              {state.result.paths.map((p) => (
                <tr key={p.path} data-testid="dqscheck.row">
                  <td>{p.path}</td>
                  <td>{p.ms === null ? "–" : `${Math.round(p.ms)} ms`}</td>
                  <td data-testid="dqscheck.same">{p.samePicks === null ? "–" : p.samePicks ? "yes" : "NO"}</td>
                  <td>{p.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.result.gpu && (
            <p
              className="muted"
              data-testid="dqscheck.gpu"
              data-error={state.result.gpu.maxRelativeError}
              data-bound={state.result.gpu.bound}
            >
              WebGPU distances vs CPU: largest relative error {state.result.gpu.maxRelativeError.toExponential(1)} (bound{" "}
              {state.result.gpu.bound.toExponential(1)}, float32 on the GPU).
            </p>
          )}
        </>
      )}
    </section>
  );
}

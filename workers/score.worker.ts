/// <reference lib="webworker" />
import { DetectorError, errorCode, loadDetector, type Detector } from "@/lib/detectors";
import { stretchEmbeddings } from "@/lib/detectors/embedding";
import { TimeVqvaeDetector } from "@/lib/detectors/timevqvae";
import { gpuAdapterInfo, selectBackend } from "./tf/backend";
import type { ScoreEvent, ScoreRequest } from "./score/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let detector: Detector | null = null;
let abort = new AbortController();
let queue: Promise<void> = Promise.resolve();

function post(event: ScoreEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

function fail(error: unknown, id?: string): void {
  if (abort.signal.aborted) return post({ type: "interrupted" });
  post({ type: "error", id, code: errorCode(error), message: error instanceof Error ? error.message : String(error) });
}

async function load(request: Extract<ScoreRequest, { type: "load" }>): Promise<void> {
  post({ type: "check", adapter: await gpuAdapterInfo() });
  const selection = await selectBackend(request.backend);
  post({ type: "load", backend: selection.backend, reason: selection.reason, probes: selection.probes });
  detector?.dispose();
  detector = await loadDetector(request.weights);
  post({ type: "ready" });
}

async function score(request: Extract<ScoreRequest, { type: "score" }>): Promise<void> {
  if (!detector) throw new Error("No model is loaded.");
  const result = await detector.score(request.columns, { signal: abort.signal, shift: request.shift });
  post({ type: "scored", id: request.id, score: result.score, channelScores: result.channelScores }, [
    result.score.buffer as ArrayBuffer,
    ...result.channelScores.map((c) => c.buffer as ArrayBuffer),
  ]);
}

async function embed(request: Extract<ScoreRequest, { type: "embed" }>): Promise<void> {
  if (!detector) throw new Error("No model is loaded.");
  const embeddings = await stretchEmbeddings(detector, request.columns, request.stretches);
  post(
    { type: "embedded", id: request.id, embeddings },
    embeddings.map((e) => e.buffer as ArrayBuffer),
  );
}

async function counterfactual(request: Extract<ScoreRequest, { type: "counterfactual" }>): Promise<void> {
  if (!detector) throw new Error("No model is loaded.");
  if (!(detector instanceof TimeVqvaeDetector))
    throw new DetectorError("invalid_option", `A ${detector.kind} model makes no counterfactuals.`);
  const result = await detector.counterfactual(request.columns, request.start, request.end, { seed: request.seed, signal: abort.signal });
  post(
    { type: "counterfactual", id: request.id, values: result.values, band: result.band, bandScores: result.bandScores },
    result.values.map((v) => v.buffer as ArrayBuffer),
  );
}

scope.onmessage = (message: MessageEvent<ScoreRequest>) => {
  const request = message.data;
  switch (request.type) {
    case "load":
      abort = new AbortController();
      queue = queue.then(() => load(request)).catch((e: unknown) => fail(e));
      break;
    case "score":
      queue = queue.then(() => score(request)).catch((e: unknown) => fail(e, request.id));
      break;
    case "embed":
      queue = queue.then(() => embed(request)).catch((e: unknown) => fail(e, request.id));
      break;
    case "counterfactual":
      queue = queue.then(() => counterfactual(request)).catch((e: unknown) => fail(e, request.id));
      break;
    case "interrupt":
      abort.abort();
      break;
  }
};

/// <reference lib="webworker" />
import { createDetector, detectorSpec, errorCode } from "@/lib/detectors";
import { gpuAdapterInfo, selectBackend } from "./tf/backend";
import { measureDetector } from "@/lib/detectors/benchmark";
import type { TrainEvent, TrainProbe, TrainRefine, TrainRequest, TrainStart } from "./train/protocol";
import { refine } from "./train/refine";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let abort: AbortController | null = null;

function post(event: TrainEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

async function start(request: TrainStart): Promise<void> {
  abort = new AbortController();
  post({ type: "check", adapter: await gpuAdapterInfo() });
  const selection = await selectBackend(request.backend);
  // A detector fitted and scored in plain JavaScript does not use the backend: say so next to it.
  const note = detectorSpec(request.detector).backendNote;
  const reason = note ? `${selection.reason}; ${note}` : selection.reason;
  post({ type: "load", backend: selection.backend, reason, probes: selection.probes });
  const channels = request.train[0]?.length ?? 0;
  const { windowSize, hidden, latent, seed } = request.config;
  const detector = createDetector(request.detector, { features: channels, windowSize, hidden, latent, seed });
  post({ type: "ready" });
  const result = await detector.train(
    { train: request.train, validation: request.validation },
    {
      ...request.config,
      // Validation is evaluated every epoch: cap it like training when a cap is set.
      maxValidationWindows: request.config.maxTrainWindows,
      signal: abort.signal,
      onEpoch: (epoch) => post({ type: "progress", epoch, epochs: request.config.epochs }),
      onBatch: (done, total) => post({ type: "batch", done, total }),
    },
  );
  const weights = await detector.save();
  detector.dispose();
  post({ type: "complete", weights, bestEpoch: result.bestEpoch, epochs: result.epochs }, [weights.data.buffer as ArrayBuffer]);
}

/** The probe: 1 warm-up and 3 timed training steps, then up to 256 windows scored (measureDetector). */
async function probe(request: TrainProbe): Promise<void> {
  const selection = await selectBackend(request.backend);
  const { windowSize, batchSize, hidden, latent } = request.config;
  const scoredLength = request.data.at(-1)?.[0]?.length ?? 0;
  const plan = { warmups: 1, reps: 3, scoredWindows: Math.max(1, Math.min(256, scoredLength - windowSize + 1)), windowSize, batchSize };
  const row = await measureDetector(selection.backend, { kind: request.detector, hidden, latent }, plan, request.data);
  post({ type: "probed", probe: { backend: selection.backend, stepMs: row.stepMs, windowsPerSecond: row.windowsPerSecond } });
}

/** ALOE refinement of a finished run (train/refine.ts): the fine-tuned weights, as a training's result. */
async function startRefine(request: TrainRefine): Promise<void> {
  abort = new AbortController();
  const selection = await selectBackend(request.backend);
  post({ type: "load", backend: selection.backend, reason: selection.reason, probes: selection.probes });
  const detector = await refine(request, abort.signal, post);
  const weights = await detector.save();
  detector.dispose();
  post({ type: "complete", weights, bestEpoch: Math.max(0, request.epochs - 1), epochs: [] }, [weights.data.buffer as ArrayBuffer]);
}

scope.onmessage = (message: MessageEvent<TrainRequest>) => {
  const request = message.data;
  switch (request.type) {
    case "start":
      start(request).catch((error: unknown) => {
        if (abort?.signal.aborted) return post({ type: "interrupted" });
        post({ type: "error", code: errorCode(error), message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case "refine":
      startRefine(request).catch((error: unknown) => {
        if (abort?.signal.aborted) return post({ type: "interrupted" });
        post({ type: "error", code: errorCode(error), message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case "probe":
      probe(request).catch((error: unknown) =>
        post({ type: "error", code: errorCode(error), message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case "interrupt":
      abort?.abort();
      break;
  }
};

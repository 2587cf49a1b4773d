/// <reference lib="webworker" />
import { createDtwScratch } from "@/lib/dtw/dtw";
import { computePairs } from "@/lib/query/pair-work";
import type { DtwEvent, DtwRequest } from "./dtw/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let series: Float32Array[] = [];
const scratch = createDtwScratch(1);

function post(event: DtwEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

scope.onmessage = (message: MessageEvent<DtwRequest>) => {
  const request = message.data;
  try {
    switch (request.type) {
      case "load":
        series = request.series;
        post({ type: "loaded", id: request.id });
        break;
      case "run": {
        const { values, cells } = computePairs(series, request.requests, scratch);
        post({ type: "result", id: request.id, values, cells }, [values.buffer]);
        break;
      }
    }
  } catch (error) {
    post({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};

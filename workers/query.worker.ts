/// <reference lib="webworker" />
import { DistanceCache, getStrategy, QueryError } from "@/lib/query";
import type { QueryEvent, QueryRequest } from "./query/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Pair distances survive between batches of the same page: the next DQS batch reuses them. */
const cache = new DistanceCache();
let abort = new AbortController();

function post(event: QueryEvent): void {
  scope.postMessage(event);
}

scope.onmessage = (message: MessageEvent<QueryRequest>) => {
  const request = message.data;
  switch (request.type) {
    case "select": {
      abort = new AbortController();
      const t0 = performance.now();
      try {
        const picks = getStrategy(request.strategy).select({
          candidates: request.candidates,
          queried: request.queried,
          budget: request.budget,
          seed: request.seed,
          threshold: request.threshold,
          signal: abort.signal,
          distance: cache,
          onProgress: (done, total) => post({ type: "progress", done, total }),
        });
        post({ type: "complete", picks, ms: performance.now() - t0 });
      } catch (error) {
        const code = error instanceof QueryError ? error.code : "internal";
        post({ type: "error", code, message: error instanceof Error ? error.message : String(error) });
      }
      break;
    }
    case "interrupt":
      abort.abort();
      break;
  }
};
post({ type: "ready" });

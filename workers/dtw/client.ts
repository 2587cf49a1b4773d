/**
 * A DTW pool worker seen as a `PairWorker` (lib/query/pair-pool.ts): promises per request id.
 * Started from the query worker (nested workers); `startDtwPool` returns null where workers cannot
 * be started, and the caller computes inline instead.
 */
import type { PairWorker } from "@/lib/query/pair-pool";
import type { PairResults } from "@/lib/query/pair-work";
import type { DtwEvent, DtwRequest } from "./protocol";

type Pending = { resolve(value: PairResults | null): void; reject(error: Error): void };

export type DtwPoolWorker = PairWorker & { terminate(): void };

function wrap(worker: Worker): DtwPoolWorker {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onmessage = (message: MessageEvent<DtwEvent>) => {
    const event = message.data;
    const p = pending.get(event.id);
    if (!p) return;
    pending.delete(event.id);
    if (event.type === "error") p.reject(new Error(event.message));
    else p.resolve(event.type === "result" ? { values: event.values, cells: event.cells } : null);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`DTW worker failed: ${event.message || "could not start"}`));
  };
  type Unsent = DtwRequest extends infer R ? (R extends DtwRequest ? Omit<R, "id"> : never) : never;
  const send = (request: Unsent) =>
    new Promise<PairResults | null>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as DtwRequest);
    });
  return {
    async load(series) {
      await send({ type: "load", series: series as Float32Array[] });
    },
    async run(requests) {
      const result = await send({ type: "run", requests });
      if (!result) throw new Error("DTW worker answered a run with no result");
      return result;
    },
    terminate() {
      worker.terminate();
      fail(new Error("DTW worker stopped"));
    },
  };
}

/** `size` pool workers, or null where this context cannot start workers. */
export function startDtwPool(size: number): DtwPoolWorker[] | null {
  if (typeof Worker === "undefined" || size < 1) return null;
  try {
    return Array.from({ length: size }, (_, i) => wrap(new Worker(new URL("../dtw.worker.ts", import.meta.url), { type: "module", name: `dtw-${i}` })));
  } catch {
    return null;
  }
}

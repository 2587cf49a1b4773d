/**
 * A DTW pool worker seen as a `PairWorker` (lib/query/pair-pool.ts): promises per request id.
 * Started from the query worker (nested workers); `startDtwPool` returns null where workers cannot
 * be started, and the caller computes inline instead.
 */
import type { PairWorker } from "@/lib/query/pair-pool";
import type { PairResults } from "@/lib/query/pair-work";
import { WorkerChannel } from "../rpc";
import { WorkerError } from "../worker-error";
import type { DtwEvent, DtwRequest } from "./protocol";

export type DtwPoolWorker = PairWorker & { terminate(): void };

type Unsent = DtwRequest extends infer R ? (R extends DtwRequest ? Omit<R, "id"> : never) : never;

function wrap(worker: Worker): DtwPoolWorker {
  const channel = new WorkerChannel<DtwRequest, DtwEvent>(worker, { name: "DTW worker" });
  let nextId = 0;
  const send = (request: Unsent) => {
    const id = nextId++;
    return channel.call<PairResults | null>({ ...request, id } as DtwRequest, (e) =>
      e.id !== id
        ? undefined
        : e.type === "error"
          ? { error: new WorkerError("worker_failed", e.message) }
          : { value: e.type === "result" ? { values: e.values, cells: e.cells } : null },
    );
  };
  return {
    async load(series) {
      await send({ type: "load", series: series as Float32Array[] });
    },
    async run(requests) {
      const result = await send({ type: "run", requests });
      if (!result) throw new Error("DTW worker answered a run with no result");
      return result;
    },
    terminate: () => channel.dispose("The DTW worker was stopped."),
  };
}

/** `size` pool workers, or null where this context cannot start workers. */
export function startDtwPool(size: number): DtwPoolWorker[] | null {
  if (typeof Worker === "undefined" || size < 1) return null;
  try {
    return Array.from({ length: size }, (_, i) =>
      wrap(new Worker(new URL("../dtw.worker.ts", import.meta.url), { type: "module", name: `dtw-${i}` })),
    );
  } catch {
    return null;
  }
}

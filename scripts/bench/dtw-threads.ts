/**
 * A DQS pool in Node: worker threads running the same `computePairs` as the browser's DTW workers
 * (workers/dtw.worker.ts), seen as `PairWorker`s. The thread entry is this file itself.
 */
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { createDtwScratch } from "../../lib/dtw/dtw";
import type { PairWorker } from "../../lib/query/pair-pool";
import { computePairs, type PairRequests, type PairResults } from "../../lib/query/pair-work";

type Message = { id: number; series?: Float32Array[]; requests?: PairRequests };
type Reply = { id: number; result?: PairResults; error?: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  let series: Float32Array[] = [];
  const scratch = createDtwScratch(1);
  port.on("message", (m: Message) => {
    try {
      if (m.series) series = m.series;
      const result = m.requests ? computePairs(series, m.requests, scratch) : undefined;
      port.postMessage({ id: m.id, result } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: m.id, error: String(error) } satisfies Reply);
    }
  });
}

export type ThreadPool = { workers: PairWorker[]; close(): Promise<void> };

/** A thread running this file, through a .mjs entry that registers tsx first. */
function startThread(): Worker {
  return new Worker(new URL("./dtw-thread.mjs", import.meta.url));
}

export function startThreadPool(size: number): ThreadPool {
  const threads = Array.from({ length: size }, startThread);
  const workers = threads.map((t): PairWorker => {
    let next = 0;
    const pending = new Map<number, (r: Reply) => void>();
    t.on("message", (r: Reply) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
    const send = (m: Omit<Message, "id">) =>
      new Promise<Reply>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        t.postMessage({ ...m, id });
      }).then((r) => {
        if (r.error) throw new Error(r.error);
        return r;
      });
    return {
      async load(series) {
        await send({ series: series as Float32Array[] });
      },
      async run(requests) {
        const r = await send({ requests });
        if (!r.result) throw new Error("thread answered without a result");
        return r.result;
      },
    };
  });
  return { workers, close: async () => void (await Promise.all(threads.map((t) => t.terminate()))) };
}

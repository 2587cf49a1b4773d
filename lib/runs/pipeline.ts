/**
 * Moving a run's data through the browser without leaving the network or the workers idle: sequences
 * are fetched a few at a time, and each scoring worker fetches its next sequence while it scores the
 * current one and uploads the previous one's scores. Pure scheduling: what is fetched, computed and
 * stored is the caller's.
 */

/** How many sequences the browser fetches at once while a run's training data loads. */
export const FETCHES_IN_FLIGHT = 4;

/** `fn` over `items`, at most `limit` at once, results in the items' order; the first failure rejects. */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    for (let i = next++; i < items.length && !failed; i = next++) {
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

export type Stages<D, R> = {
  /** Loads item i's input (e.g. fetches a sequence). */
  fetch(index: number): Promise<D>;
  /** Computes on it in this lane's worker (e.g. scores it). */
  compute(lane: number, index: number, data: D): Promise<R>;
  /** Stores the result (e.g. uploads the scores). */
  store(index: number, result: R): Promise<void>;
};

/**
 * Items 0 … count−1 through fetch → compute → store, one lane per worker taking the next item as it
 * frees. Within a lane the next item's fetch runs during the current compute, and a result's store
 * runs during the next compute (at most one store in flight per lane, so memory stays bounded).
 * `onStored` is called after each store with how many are stored. The first failure rejects, and no
 * new item starts once `stop()` returns true (then the pipeline resolves without finishing).
 */
export async function pipeline<D, R>(
  count: number,
  lanes: number,
  stages: Stages<D, R>,
  onStored: (stored: number) => void = () => undefined,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let stored = 0;
  let failed = false;
  const take = () => (failed || stop() || next >= count ? -1 : next++);
  // A prefetch that is never awaited (the lane failed meanwhile) must not surface as an unhandled rejection.
  const fetchQuietly = (i: number) => {
    const p = stages.fetch(i);
    p.catch(() => undefined);
    return p;
  };
  const lane = async (laneIndex: number) => {
    let storing: Promise<void> = Promise.resolve();
    try {
      let i = take();
      let data = i >= 0 ? fetchQuietly(i) : null;
      while (i >= 0 && data) {
        const input = await data;
        const j = take();
        data = j >= 0 ? fetchQuietly(j) : null;
        const result = await stages.compute(laneIndex, i, input);
        await storing;
        const index = i;
        storing = stages.store(index, result).then(() => onStored(++stored));
        storing.catch(() => undefined);
        i = j;
      }
      await storing;
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, (_, k) => lane(k)));
}

import { afterEach, describe, expect, it, vi } from "vitest";
import { WorkerChannel, type WorkerLike } from "./rpc";
import { WorkerError } from "./worker-error";

type Req = { type: "ask"; id: number } | { type: "stop" };
type Ev = { type: "answer"; id: number; value: string } | { type: "fail"; id: number } | { type: "tick" };

/** A worker that records what it was sent; the test plays its side. */
class FakeWorker implements WorkerLike<Req> {
  sent: Req[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: Req): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(event: Ev): void {
    this.onmessage?.({ data: event } as MessageEvent);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const ask = (channel: WorkerChannel<Req, Ev>, id: number) =>
  channel.call<string>({ type: "ask", id }, (e) =>
    e.type === "answer" && e.id === id
      ? { value: e.value }
      : e.type === "fail" && e.id === id
        ? { error: new WorkerError("internal", `no ${id}`) }
        : undefined,
  );

afterEach(() => vi.useRealTimers());

describe("WorkerChannel", () => {
  it("settles each request on the event that answers it, in any order, and passes every event on", async () => {
    const worker = new FakeWorker();
    const seen: string[] = [];
    const channel = new WorkerChannel<Req, Ev>(worker, { name: "test worker", onEvent: (e) => seen.push(e.type) });
    const one = ask(channel, 1);
    const two = ask(channel, 2);
    expect(worker.sent).toEqual([
      { type: "ask", id: 1 },
      { type: "ask", id: 2 },
    ]);
    worker.emit({ type: "tick" });
    worker.emit({ type: "answer", id: 2, value: "b" });
    worker.emit({ type: "fail", id: 1 });
    await expect(two).resolves.toBe("b");
    await expect(one).rejects.toMatchObject({ code: "internal", message: "no 1" });
    expect(seen).toEqual(["tick", "answer", "fail"]);
  });

  it("rejects every pending request with worker_failed when the worker fails", async () => {
    const worker = new FakeWorker();
    const channel = new WorkerChannel<Req, Ev>(worker, { name: "test worker" });
    const pending = [ask(channel, 1), ask(channel, 2)];
    worker.crash("boom");
    for (const p of pending) await expect(p).rejects.toMatchObject({ code: "worker_failed", message: "The test worker failed: boom." });
  });

  it("times out a request after idleMs of silence, counted from the last event", async () => {
    vi.useFakeTimers();
    const worker = new FakeWorker();
    const channel = new WorkerChannel<Req, Ev>(worker, { name: "test worker", idleMs: 1000 });
    const p = ask(channel, 1);
    const outcome = p.then(
      () => "resolved",
      (e: WorkerError) => e.code,
    );
    vi.advanceTimersByTime(900);
    worker.emit({ type: "tick" }); // still alive: the clock starts again
    vi.advanceTimersByTime(900);
    worker.emit({ type: "tick" });
    vi.advanceTimersByTime(1001);
    expect(await outcome).toBe("timeout");
  });

  it("does not time out while nothing is pending", async () => {
    vi.useFakeTimers();
    const worker = new FakeWorker();
    const channel = new WorkerChannel<Req, Ev>(worker, { name: "test worker", idleMs: 1000 });
    const first = ask(channel, 1);
    worker.emit({ type: "answer", id: 1, value: "a" });
    await expect(first).resolves.toBe("a");
    vi.advanceTimersByTime(5000);
    const second = ask(channel, 2);
    worker.emit({ type: "answer", id: 2, value: "b" });
    await expect(second).resolves.toBe("b");
  });

  it("dispose terminates the worker, rejects what is pending, ignores later events and refuses new requests", async () => {
    const worker = new FakeWorker();
    const seen: Ev[] = [];
    const channel = new WorkerChannel<Req, Ev>(worker, { name: "test worker", onEvent: (e) => seen.push(e) });
    const p = ask(channel, 1);
    channel.dispose("stopped by the test");
    expect(worker.terminated).toBe(true);
    await expect(p).rejects.toMatchObject({ code: "interrupted", message: "stopped by the test" });
    worker.emit({ type: "answer", id: 1, value: "late" });
    expect(seen).toEqual([]);
    await expect(ask(channel, 2)).rejects.toMatchObject({ code: "interrupted" });
    channel.post({ type: "stop" });
    expect(worker.sent).toEqual([{ type: "ask", id: 1 }]);
  });
});
